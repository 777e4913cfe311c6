/**
 * BMC addresses in the Metal3 (Ironic) URL forms:
 *
 *   redfish://host[:port]/redfish/v1/Systems/<id>          Redfish over HTTPS
 *   redfish+https://host[:port]/redfish/v1/Systems/<id>    the same, spelt out
 *   redfish+http://host[:port]/redfish/v1/Systems/<id>     Redfish over plain HTTP (labs only)
 *   ipmi://host[:port]                                     IPMI 2.0 over LAN (lanplus), UDP 623
 *
 * The one home of the format: expansion builds every node's URLs here (`bmcUrl`), the BMC client
 * and the command line parse them here (`parseBmcUrl`). Pure: no I/O. Credentials never belong in
 * the URL; they come from the environment.
 */
import { isIPv6 } from "node:net";

/** IPMI-over-LAN's UDP port (IPMI 2.0, RMCP+) when a URL names none. */
export const IPMI_PORT = 623;

/** The Redfish system every node's BMC URL names (one system per BMC). */
export const SYSTEM_ID = "1";

/** The schemes we accept, as written in a URL. */
export const BMC_SCHEMES = ["redfish", "redfish+http", "redfish+https", "ipmi"] as const;
export type BmcScheme = (typeof BMC_SCHEMES)[number];

/** A Redfish BMC: the system resource to act on. */
export interface RedfishUrl {
  readonly protocol: "redfish";
  readonly scheme: "redfish" | "redfish+http" | "redfish+https";
  /** Host name, IPv4 address, or IPv6 address without brackets; host names in lower case. */
  readonly host: string;
  /** The port written in the URL. @default undefined (443 for HTTPS, 80 for HTTP) */
  readonly port?: number;
  /** The system's `Id` in `/redfish/v1/Systems/<id>`. */
  readonly systemId: string;
}

/** An IPMI-over-LAN BMC. */
export interface IpmiUrl {
  readonly protocol: "ipmi";
  readonly scheme: "ipmi";
  readonly host: string;
  /** The port written in the URL. @default undefined ({@link IPMI_PORT}) */
  readonly port?: number;
}

export type BmcUrl = RedfishUrl | IpmiUrl;

/** An address that is not a BMC URL we understand; the message names it (credentials masked). */
export class BmcUrlError extends Error {
  override readonly name = "BmcUrlError";
}

/** The Redfish system path we accept, and the characters of a system id (RFC 3986 unreserved). */
const SYSTEM_PATH = /^\/redfish\/v1\/Systems\/([A-Za-z0-9._~-]+)$/;
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Replaces any `user:password@` part of an address by `***@`, so errors can quote it. */
export function maskCredentials(address: string): string {
  return address.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, "$1***@");
}

/** Parses a BMC URL; throws {@link BmcUrlError} naming the address and what is wrong with it. */
export function parseBmcUrl(address: string): BmcUrl {
  const quoted = `BMC address [${maskCredentials(address)}]`;
  const shape = URL_SHAPE.exec(address);
  if (!shape) throw new BmcUrlError(`${quoted} should be a URL like redfish://host/redfish/v1/Systems/<id> or ipmi://host[:port]`);
  const [, rawScheme, authority, path, query, fragment] = shape as unknown as [string, string, string, string, string | undefined, string | undefined];
  const scheme = rawScheme.toLowerCase();
  if (!isScheme(scheme)) throw new BmcUrlError(`${quoted} has the unsupported scheme "${rawScheme}"; use one of: ${BMC_SCHEMES.join(", ")}`);
  if (authority.includes("@")) throw new BmcUrlError(`${quoted} should not carry credentials; set BMC_USERNAME and BMC_PASSWORD instead`);
  if (query !== undefined || fragment !== undefined) throw new BmcUrlError(`${quoted} should have no query or fragment`);
  const { host, port } = parseAuthority(authority, quoted);
  if (scheme === "ipmi") {
    if (path !== "" && path !== "/") throw new BmcUrlError(`${quoted} should have no path after the host (got "${path}")`);
    return withPort({ protocol: "ipmi", scheme, host }, port);
  }
  const system = SYSTEM_PATH.exec(path);
  if (!system) throw new BmcUrlError(`${quoted} should name a system as /redfish/v1/Systems/<id> (got "${path}")`);
  return withPort({ protocol: "redfish", scheme, host, systemId: system[1]! }, port);
}

/** The canonical text of a BMC URL; `parseBmcUrl(formatBmcUrl(u))` equals `u`. */
export function formatBmcUrl(url: BmcUrl): string {
  const authority = `${url.host.includes(":") ? `[${url.host}]` : url.host}${url.port === undefined ? "" : `:${url.port}`}`;
  return url.protocol === "ipmi" ? `ipmi://${authority}` : `${url.scheme}://${authority}${systemPath(url)}`;
}

/** `/redfish/v1/Systems/<id>`. */
export function systemPath(url: RedfishUrl): string {
  return `/redfish/v1/Systems/${url.systemId}`;
}

/** `http` or `https`: `redfish://` means HTTPS, as in Metal3. */
export function transport(url: RedfishUrl): "http" | "https" {
  return url.scheme === "redfish+http" ? "http" : "https";
}

/** The port to connect to: the URL's, or the protocol's default. */
export function effectivePort(url: BmcUrl): number {
  if (url.port !== undefined) return url.port;
  if (url.protocol === "ipmi") return IPMI_PORT;
  return transport(url) === "http" ? 80 : 443;
}

/** Where a node's BMC listens, beyond its address: what a blueprint's `bmc` section says. */
export interface BmcEndpoint {
  /** Redfish port when not the scheme's default. @default undefined */
  readonly port?: number;
  /** `http` only for simulated lab BMCs. @default "https" */
  readonly transport?: "https" | "http";
  /** IPMI UDP port. @default IPMI_PORT (written into the URL) */
  readonly ipmiPort?: number;
}

/** The BMC URL of a node whose BMC answers `protocol` at `host`, as a value. */
export function bmcEndpointUrl(protocol: "redfish" | "ipmi", host: string, endpoint: BmcEndpoint = {}): BmcUrl {
  if (protocol === "ipmi") return { protocol, scheme: "ipmi", host, port: endpoint.ipmiPort ?? IPMI_PORT };
  const redfish: RedfishUrl = { protocol, scheme: endpoint.transport === "http" ? "redfish+http" : "redfish", host, systemId: SYSTEM_ID };
  return withPort(redfish, endpoint.port);
}

/**
 * The BMC URL of a node, as Metal3 writes it and the ledger records it: `redfish://` (HTTPS),
 * `redfish+http://`, `ipmi://host:623`. `parseBmcUrl` reads it back to {@link bmcEndpointUrl}'s value.
 */
export function bmcUrl(protocol: "redfish" | "ipmi", host: string, endpoint: BmcEndpoint = {}): string {
  return formatBmcUrl(bmcEndpointUrl(protocol, host, endpoint));
}

function isScheme(s: string): s is BmcScheme {
  return (BMC_SCHEMES as readonly string[]).includes(s);
}

function withPort<T extends BmcUrl>(url: T, port: number | undefined): T {
  return port === undefined ? url : { ...url, port };
}

function parseAuthority(authority: string, quoted: string): { host: string; port: number | undefined } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
  const rawHost = m?.[1] ?? "";
  const rawPort = m?.[2];
  if (rawHost === "" || rawHost === "[]") throw new BmcUrlError(`${quoted} has no host`);
  const host = parseHost(rawHost, quoted);
  if (rawPort === undefined) return { host, port: undefined };
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
    throw new BmcUrlError(`${quoted} has the port "${rawPort}"; a port is a number from 1 to 65535`);
  }
  return { host, port: Number(rawPort) };
}

function parseHost(raw: string, quoted: string): string {
  if (raw.startsWith("[")) {
    const inner = raw.slice(1, -1).toLowerCase();
    if (!isIPv6(inner)) throw new BmcUrlError(`${quoted} has the invalid IPv6 host "${raw}"`);
    return inner;
  }
  const host = raw.toLowerCase();
  if (/^[\d.]+$/.test(host)) {
    if (!IPV4.test(host)) throw new BmcUrlError(`${quoted} has the invalid IPv4 host "${raw}"`);
    return host;
  }
  const labels = host.split(".");
  if (host.length > 253 || !labels.every((l) => HOST_LABEL.test(l))) throw new BmcUrlError(`${quoted} has the invalid host name "${raw}"`);
  return host;
}
