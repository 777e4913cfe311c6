/**
 * The inputs and outputs of a `BareMetalHost`, as the provider receives and returns them, and the
 * checks of `Check`. Secret values arrive wrapped (the engine's secret signature) because the
 * provider accepts secrets; they are unwrapped only where a BMC call needs them and go back
 * wrapped, so the engine keeps them encrypted in state.
 */
import type { ExpectedHardware } from "../model/baremetal/expected-hardware";
import { parseBmcUrl } from "../model/bmc-url";
import type { Parallelism } from "../model/baremetal/parallelism";
import type { BmcTls, BootSource } from "../bmc/provisioning";
import type { PowerState } from "../bmc/bmc";
import { imageUrlProblem } from "../model/baremetal/boot-source";

export { HOST_TYPE, PROVIDER_NAME } from "../model/baremetal/host-type";

/** The lifecycle of a host, as in Metal3's BareMetalHost. */
export const LIFECYCLE_STATES = ["registering", "inspecting", "available", "provisioning", "provisioned", "deprovisioning"] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** A host's inputs, with the secret credentials still wrapped. */
export interface HostInputs {
  readonly hostname: string;
  /** In-band management address (the SSH bootstrap's target). */
  readonly inBandAddress: string;
  readonly bmcUrl: string;
  readonly fallbackUrl?: string;
  /** `{ username, password }`, a secret. */
  readonly credentials: unknown;
  readonly tls?: BmcTls;
  /** The power feeds the node draws from (its rack's). */
  readonly feeds: readonly string[];
  readonly parallelism: Parallelism;
  readonly expected: ExpectedHardware;
  readonly boot: BootSource;
  /** Wipe the disks when the host is deleted (boot this image, which erases and powers off). @default undefined (no wipe) */
  readonly wipeImageUrl?: string;
  /** How long a graceful shutdown may take before ForceOff, in seconds. @default 300 */
  readonly shutdownTimeoutSeconds?: number;
}

/** What inspection found, kept in state: identity and the figures compared with the blueprint. */
export interface InspectedFacts {
  readonly systemId?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly serialNumber?: string;
  readonly accelerators?: number;
  readonly acceleratorModel?: string;
  readonly memoryGiB?: number;
  readonly macs?: readonly string[];
}

/** A host's outputs: its inputs, and what the provider found. */
export interface HostOutputs extends HostInputs {
  readonly state: LifecycleState;
  /** The power state the BMC reported last (`unknown` when a refresh could not read it). */
  readonly powerState: PowerState | "unknown";
  /** The BMC that answered last (the fallback's URL when the first failed). */
  readonly bmcAnswered: string;
  readonly facts: InspectedFacts;
  /** Why the last refresh could not read the BMC, naming host, BMC and operation. @default undefined */
  readonly lastError?: string;
}

/** The engine's signature of a secret value (pulumi/sdk/go/common/resource/sig). */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** A value wrapped as a secret, for outputs. */
export function secret<T>(value: T): unknown {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** The value inside a secret wrapper (or the value itself). */
export function reveal<T>(value: unknown): T {
  if (typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) {
    return (value as { value: T }).value;
  }
  return value as T;
}

/** The credentials of a host's inputs or outputs, unwrapped. */
export function credentialsOf(host: Pick<HostInputs, "credentials">): { username: string; password: string } {
  const c = reveal<Record<string, unknown> | undefined>(host.credentials);
  const username = reveal<unknown>(c?.username);
  const password = reveal<unknown>(c?.password);
  return { username: typeof username === "string" ? username : "", password: typeof password === "string" ? password : "" };
}

/** One failed check of the inputs: the property and why. */
export interface InputFailure {
  readonly property: string;
  readonly reason: string;
}

/** Checks a host's inputs; an empty list means they are fine. Names no secret value. */
export function checkHostInputs(news: Partial<HostInputs>): InputFailure[] {
  const failures: InputFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  if (typeof news.hostname !== "string" || news.hostname === "") fail("hostname", "should be the node's hostname from the ledger");
  if (typeof news.inBandAddress !== "string" || news.inBandAddress === "") fail("inBandAddress", "should be the node's in-band address");
  for (const key of ["bmcUrl", "fallbackUrl"] as const) {
    const url = news[key];
    if (url === undefined && key === "fallbackUrl") continue;
    try {
      parseBmcUrl(String(url));
    } catch (e) {
      fail(key, (e as Error).message);
    }
  }
  const c = credentialsOf({ credentials: news.credentials });
  if (c.username === "" || c.password === "") fail("credentials", "should hold a username and a password (Pulumi secrets)");
  if (news.tls?.insecure !== undefined && news.tls.insecure !== true) fail("tls.insecure", "is either true or left out");
  if (news.tls?.insecure === true && news.tls.caBundle !== undefined) fail("tls", "should name a CA bundle or say insecure: true, not both");
  if (!Array.isArray(news.feeds) || news.feeds.length === 0) fail("feeds", "should name the power feeds the node draws from");
  for (const key of ["total", "perFeed"] as const) {
    const n = news.parallelism?.[key];
    if (!Number.isInteger(n) || (n as number) < 1) fail(`parallelism.${key}`, `should be a whole number of at least 1 (got ${n})`);
  }
  if (typeof news.expected?.accelerator?.count !== "number") fail("expected", "should hold the blueprint's accelerators and rails");
  if (!news.boot || !["pxe", "uefi-http", "virtual-media"].includes(news.boot.kind)) fail("boot.kind", "should be pxe, uefi-http or virtual-media");
  checkImageUrls(news, fail);
  const timeout = news.shutdownTimeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1))
    fail("shutdownTimeoutSeconds", `should be a whole number of seconds (got ${timeout})`);
  return failures;
}

/** The boot source's URL and the wipe image, when given, are https:// or http:// URLs without credentials. */
function checkImageUrls(news: Partial<HostInputs>, fail: (property: string, reason: string) => void): void {
  const urls: [string, unknown][] = [];
  if (news.boot?.kind === "virtual-media") urls.push(["boot.imageUrl", news.boot.imageUrl]);
  if (news.boot?.kind === "uefi-http" && news.boot.url !== undefined) urls.push(["boot.url", news.boot.url]);
  if (news.wipeImageUrl !== undefined) urls.push(["wipeImageUrl", news.wipeImageUrl]);
  for (const [property, url] of urls) {
    const problem = typeof url === "string" ? imageUrlProblem(url) : "should be an https:// or http:// URL";
    if (problem !== undefined) fail(property, problem);
  }
}
