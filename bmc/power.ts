/**
 * Power and boot control of one node: Redfish first, IPMI (or another Redfish BMC) as the fallback
 * when the first does not answer or fails on its side. Idempotent: asking for the state a node is
 * already in changes nothing and says so.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseBmcUrl, type BmcUrl } from "../model/bmc-url";
import { allowsFallback, BmcError, type BmcDriver, type BootDevice, type Credentials, type PowerAction, type PowerState, type Protocol } from "./bmc";
import { IpmiClient } from "./ipmi";
import type { BmcTls } from "./provisioning";
import { RedfishClient } from "./redfish";

/** The BMCs of one node. */
export interface BmcTarget {
  /** The BMC to try first. */
  readonly bmc: BmcUrl | string;
  /** The BMC to try when the first is unreachable or answers 5xx. @default undefined (none) */
  readonly fallback?: BmcUrl | string;
}

/** Options of {@link power} and {@link bootOnce}. */
export interface PowerOptions {
  /** Timeout of each request to a BMC, in milliseconds. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** How long to wait for the power state to follow a request, in milliseconds. @default 120000 */
  readonly settleTimeoutMs?: number;
  /** How often to read the power state while waiting, in milliseconds. @default 1000 */
  readonly pollIntervalMs?: number;
  /** Power off through an orderly shutdown of the OS instead of cutting power. @default false */
  readonly graceful?: boolean;
  /** How each BMC's certificate is trusted (Redfish over HTTPS). @default verified against the system's roots */
  readonly tls?: BmcTls;
  /** The fallback BMC's TLS trust, when it differs from the first's (another CA, another vendor). @default {@link tls} */
  readonly fallbackTls?: BmcTls;
  /**
   * The node's power state as the caller last read it (the provider's recorded state). With a BMC
   * whose power requests are idempotent ({@link BmcDriver.idempotentPower}: IPMI) an `on` or `off`
   * opposite to it is sent without reading first; the read-back still decides the outcome, and a
   * stale state only means asking a node for the state it is already in, which changes nothing.
   * @default undefined (read first)
   */
  readonly knownState?: PowerState;
  /** Builds the driver for a BMC URL. @default {@link bmcDriver} */
  readonly driver?: (url: BmcUrl, credentials: Credentials) => BmcDriver;
}

/** Why the fallback BMC was used. */
export interface FallbackNote {
  /** The BMC that failed. */
  readonly bmc: string;
  /** Its error message. */
  readonly error: string;
}

/** The outcome of a power action. */
export interface PowerResult {
  /** The BMC that carried out the action. */
  readonly bmc: string;
  readonly protocol: Protocol;
  readonly action: PowerAction;
  readonly before: PowerState;
  readonly after: PowerState;
  /** Whether we asked the BMC for a change (false when the node was already in the state asked for). */
  readonly changed: boolean;
  /** Present when the first BMC failed and the fallback answered. */
  readonly fallbackFrom?: FallbackNote;
}

/** The outcome of setting a one-time boot device. */
export interface BootResult {
  readonly bmc: string;
  readonly protocol: Protocol;
  readonly device: BootDevice;
  /** The boot override the BMC reported before, in its words (`Hdd`, `Force PXE`). */
  readonly before: string;
  /** The boot override the BMC reports after. */
  readonly after: string;
  /** Whether the reported override differs from before (the one-time override is written either way). */
  readonly changed: boolean;
  readonly fallbackFrom?: FallbackNote;
}

/** The driver for a BMC URL: Redfish or IPMI. */
export function bmcDriver(url: BmcUrl, credentials: Credentials, options: Pick<PowerOptions, "requestTimeoutMs" | "tls"> = {}): BmcDriver {
  const o = options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs };
  return url.protocol === "redfish"
    ? new RedfishClient(url, credentials, { ...o, ...(options.tls === undefined ? {} : { tls: options.tls }) })
    : new IpmiClient(url, credentials, o);
}

/** Reads, or switches and waits for, the power state of a node. */
export async function power(action: PowerAction, target: BmcTarget, credentials: Credentials, options: PowerOptions = {}): Promise<PowerResult> {
  return withFallback(target, credentials, options, (d) => inSession(d, (s) => powerWith(s, action, options)));
}

/**
 * Runs `op` over one session of `d` when the driver offers one (IPMI: the read, the request and
 * the read-backs in one ipmitool process), else over `d`; closes the session.
 */
async function inSession<R>(d: BmcDriver, op: (s: BmcDriver) => Promise<R>): Promise<R> {
  const s = d.openSession?.();
  if (s === undefined) return op(d);
  try {
    return await op(s);
  } finally {
    await s.close?.();
  }
}

/**
 * The power action on one BMC. Reads first and never asks a node for the state it reports (a
 * Redfish `On` to a running system is refused by some BMCs); inside one session the read costs a
 * round trip, not a process. The one exception: IPMI's chassis control is idempotent (`power on`
 * to a running node is a no-op, never a cycle), so when the caller knows the node was in the other
 * state ({@link PowerOptions.knownState}) the request goes first and the read-back decides.
 */
async function powerWith(d: BmcDriver, action: PowerAction, options: PowerOptions): Promise<PowerResult> {
  const known = options.knownState;
  const skipRead = d.idempotentPower === true && action !== "status" && (known === "on" || known === "off") && known !== action;
  const before = skipRead ? known : await d.powerState();
  if (action === "status") return { bmc: d.url, protocol: d.protocol, action, before, after: before, changed: false };
  const wanted: PowerState = action;
  if (before === wanted) return { bmc: d.url, protocol: d.protocol, action, before, after: before, changed: false };
  const alreadyGoing = before === (action === "on" ? "powering-on" : "powering-off");
  if (!alreadyGoing) await d.requestPower(action === "off" && options.graceful ? "graceful-off" : action);
  const after = await settle(d, wanted, options);
  return { bmc: d.url, protocol: d.protocol, action, before, after, changed: !alreadyGoing };
}

/** Sets a one-time boot device for the next boot and reads it back. */
export async function bootOnce(device: BootDevice, target: BmcTarget, credentials: Credentials, options: PowerOptions = {}): Promise<BootResult> {
  return withFallback(target, credentials, options, (first) =>
    inSession(first, async (d): Promise<BootResult> => {
      const before = await d.bootOverride();
      await d.setBootOnce(device);
      const after = await d.bootOverride();
      if (!bootMatches(device, after)) {
        throw new BmcError(`BMC [${d.url}] accepted the boot device ${device} but reports the boot override ${JSON.stringify(after)}`, d.url, "refused");
      }
      return { bmc: d.url, protocol: d.protocol, device, before, after, changed: before !== after };
    }),
  );
}

/** Whether a BMC's words for its boot override (`Pxe`, `Force PXE`, `Hdd`, `Force Boot from default Hard-Drive`) mean `device`. */
export function bootMatches(device: BootDevice, reported: string): boolean {
  return device === "pxe" ? /pxe/i.test(reported) : /hdd|hard[- ]?drive|disk/i.test(reported);
}

/** Polls until the BMC reports `wanted`; read errors while waiting are retried until the deadline. */
async function settle(d: BmcDriver, wanted: PowerState, options: PowerOptions): Promise<PowerState> {
  const timeoutMs = options.settleTimeoutMs ?? 120_000;
  const intervalMs = options.pollIntervalMs ?? 1_000;
  const deadline = Date.now() + timeoutMs;
  let last: PowerState | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await d.powerState();
      lastError = undefined;
      if (last === wanted) return last;
    } catch (e) {
      if (!(e instanceof BmcError) || e.kind === "auth") throw e;
      lastError = e;
    }
    if (Date.now() + intervalMs > deadline) break;
    await sleep(intervalMs);
  }
  if (lastError !== undefined) throw lastError;
  const waited = `${Math.round(timeoutMs / 100) / 10} s`;
  throw new BmcError(`BMC [${d.url}] accepted power ${wanted} but still reports ${last} after ${waited}`, d.url, "settle");
}

/** Runs `op` on the first BMC, and on the fallback when the first fails in a way that allows it; closes each driver it made. */
export async function withFallback<R extends object, D extends BmcDriver = BmcDriver>(
  target: BmcTarget,
  credentials: Credentials,
  options: PowerOptions,
  op: (d: D) => Promise<R>,
): Promise<R & { readonly fallbackFrom?: FallbackNote }> {
  const make = (url: BmcUrl, tls: BmcTls | undefined): D =>
    (options.driver ? options.driver(url, credentials) : bmcDriver(url, credentials, { ...options, ...(tls === undefined ? {} : { tls }) })) as D;
  const run = async (d: D): Promise<R> => {
    try {
      return await op(d);
    } finally {
      await d.close?.();
    }
  };
  const first = make(asUrl(target.bmc), options.tls);
  const fallbackUrl = target.fallback === undefined ? undefined : asUrl(target.fallback);
  try {
    return await run(first);
  } catch (e) {
    if (fallbackUrl === undefined || !allowsFallback(e)) throw e;
    const second = make(fallbackUrl, options.fallbackTls ?? options.tls);
    try {
      return { ...(await run(second)), fallbackFrom: { bmc: first.url, error: e.message } };
    } catch (e2) {
      if (!(e2 instanceof BmcError)) throw e2;
      throw new BmcError(`${e2.message}; tried as the fallback after: ${e.message}`, e2.bmc, e2.kind, e2.status);
    }
  }
}

function asUrl(u: BmcUrl | string): BmcUrl {
  return typeof u === "string" ? parseBmcUrl(u) : u;
}
