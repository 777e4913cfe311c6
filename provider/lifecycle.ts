/**
 * A host's lifecycle, as in Metal3's BareMetalHost: registering → inspecting → available →
 * provisioning → provisioned, and deprovisioning on delete. Each step is idempotent; the BMC calls
 * come in through {@link BmcCalls} (the real client in the provider, fakes in the tests), and every
 * power or boot action runs inside the process's one {@link FeedSemaphore}. Every error names the
 * host, the BMC and the operation, and nothing else: no credential ever reaches a message.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { BmcError, type Credentials, type PowerAction, type PowerState } from "../bmc/bmc";
import type { BmcTarget, PowerResult } from "../bmc/power";
import type { BootFromResult, BootSource, HardwareFacts, ProvisioningOptions } from "../bmc/provisioning";
import type { ExpectedHardware } from "../model/baremetal/expected-hardware";
import type { UpdateAction } from "./diff";
import { credentialsOf, secret, type HostInputs, type HostOutputs, type InspectedFacts, type LifecycleState } from "./host-inputs";
import type { FeedSemaphore } from "./semaphore";

/** The BMC client calls the lifecycle uses (bmc/power.ts, bmc/provisioning.ts), and the blueprint comparison. */
export interface BmcCalls {
  readonly power: (action: PowerAction, target: BmcTarget, credentials: Credentials, options: ProvisioningOptions) => Promise<PowerResult>;
  readonly inspect: (target: BmcTarget, credentials: Credentials, options: ProvisioningOptions) => Promise<HardwareFacts>;
  readonly bootFrom: (source: BootSource, target: BmcTarget, credentials: Credentials, options: ProvisioningOptions) => Promise<BootFromResult>;
  /** The differences between what a node reports and its blueprint; empty when it matches. */
  readonly matchBlueprint: (facts: HardwareFacts, expected: ExpectedHardware) => readonly string[];
}

/** What the lifecycle runs with. */
export interface LifecycleContext {
  readonly calls: BmcCalls;
  readonly semaphore: FeedSemaphore;
  /** Told every state a host enters (the provider logs it; tests record it). */
  readonly onState?: (hostname: string, state: LifecycleState) => void;
  /** Power options passed to every call (timeouts, poll interval). @default {} */
  readonly options?: ProvisioningOptions;
  /** How long a wipe image may run before it powers the node off, in milliseconds. @default 3600000 */
  readonly wipeTimeoutMs?: number;
}

/** A failed operation on one host; the message names host, BMC and operation. */
export class HostOperationError extends Error {
  override readonly name = "HostOperationError";
  constructor(
    readonly hostname: string,
    readonly bmc: string,
    readonly operation: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`host [${hostname}] BMC [${bmc}] ${operation}: ${detail}`, options);
  }
}

/** Default graceful shutdown time before ForceOff, in seconds. */
export const DEFAULT_SHUTDOWN_TIMEOUT_S = 300;

/** Takes a host from racked to provisioned: register, inspect and compare, boot override, power on. */
export async function provision(host: HostInputs, ctx: LifecycleContext): Promise<HostOutputs> {
  const enter = (s: LifecycleState) => ctx.onState?.(host.hostname, s);
  const facts = await inspectHost(host, ctx);
  enter("available");
  enter("provisioning");
  const powered = await ctx.semaphore.run(host.feeds, async () => {
    const now = await op(host, "power status", () => ctx.calls.power("status", target(host), credentialsOf(host), callOptions(host, ctx)));
    // A node found running is adopted as it is: never cycled under a running OS.
    if (now.after === "on") return now;
    await op(host, `boot from ${host.boot.kind}`, () => ctx.calls.bootFrom(host.boot, target(host), credentialsOf(host), callOptions(host, ctx)), now.bmc);
    return op(host, "power on", () => ctx.calls.power("on", target(host), credentialsOf(host), callOptions(host, ctx)), now.bmc);
  });
  enter("provisioned");
  return outputs(host, { state: "provisioned", powerState: powered.after, bmcAnswered: powered.bmc, facts: summarise(facts) });
}

/**
 * Registers and inspects a host: its BMC answers with these credentials, and what it reports
 * matches the blueprint (else a refusal naming each difference). Bounded by the semaphore's total
 * (a read, on no feed).
 */
export async function inspectHost(host: HostInputs, ctx: LifecycleContext): Promise<HardwareFacts> {
  const enter = (s: LifecycleState) => ctx.onState?.(host.hostname, s);
  return ctx.semaphore.run([], async () => {
    enter("registering");
    const registered = await op(host, "register (power status)", () => ctx.calls.power("status", target(host), credentialsOf(host), callOptions(host, ctx)));
    enter("inspecting");
    const facts = await op(host, "inspect", () => ctx.calls.inspect(target(host), credentialsOf(host), callOptions(host, ctx)), registered.bmc);
    const differences = ctx.calls.matchBlueprint(facts, host.expected);
    if (differences.length > 0) {
      throw new HostOperationError(host.hostname, facts.bmc, "inspect", `does not match blueprint [${host.expected.id}]: ${differences.join("; ")}`);
    }
    return facts;
  });
}

/** Applies an update: verify the BMC (new address, credentials or TLS), power on a node found off. Never powers a node off. */
export async function applyUpdate(host: HostInputs, old: HostOutputs, actions: readonly UpdateAction[], ctx: LifecycleContext): Promise<HostOutputs> {
  let powerState = old.powerState;
  let bmcAnswered = old.bmcAnswered;
  if (actions.includes("verify")) {
    const r = await op(host, "verify (power status)", () => ctx.calls.power("status", target(host), credentialsOf(host), callOptions(host, ctx)));
    powerState = r.after;
    bmcAnswered = r.bmc;
  }
  if (actions.includes("power-on") || powerState !== "on") {
    const r = await ctx.semaphore.run(host.feeds, () =>
      op(host, "power on", () => ctx.calls.power("on", target(host), credentialsOf(host), { ...callOptions(host, ctx), ...known(powerState) }), bmcAnswered),
    );
    powerState = r.after;
    bmcAnswered = r.bmc;
  }
  return outputs(host, { state: "provisioned", powerState, bmcAnswered, facts: old.facts });
}

/** Reads the real power state for a refresh; a BMC that does not answer gives `unknown` and the error, not a failed refresh. */
export async function readPower(host: HostOutputs, ctx: LifecycleContext): Promise<HostOutputs> {
  try {
    const r = await ctx.semaphore.run([], () =>
      op(host, "read (power status)", () => ctx.calls.power("status", target(host), credentialsOf(host), callOptions(host, ctx))),
    );
    const { lastError: _dropped, ...rest } = host;
    void _dropped;
    return { ...rest, powerState: r.after, bmcAnswered: r.bmc };
  } catch (e) {
    return { ...host, powerState: "unknown", lastError: (e as Error).message };
  }
}

/**
 * Deprovisions a host being deleted: graceful shutdown, ForceOff when it is not off after the
 * shutdown timeout; then, only when the host names a wipe image, boots that image and waits for
 * it to power the node off.
 */
export async function deprovision(host: HostOutputs, ctx: LifecycleContext): Promise<void> {
  ctx.onState?.(host.hostname, "deprovisioning");
  await ctx.semaphore.run(host.feeds, async () => {
    await shutdown(host, ctx);
    if (host.wipeImageUrl === undefined) return;
    const image: BootSource = { kind: "virtual-media", imageUrl: host.wipeImageUrl };
    await op(host, "boot the wipe image", () => ctx.calls.bootFrom(image, target(host), credentialsOf(host), callOptions(host, ctx)));
    await op(host, "power on (wipe)", () => ctx.calls.power("on", target(host), credentialsOf(host), callOptions(host, ctx)));
    await waitOff(host, ctx);
  });
}

async function shutdown(host: HostOutputs, ctx: LifecycleContext): Promise<void> {
  const timeoutS = host.shutdownTimeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT_S;
  try {
    await op(host, "graceful shutdown", () =>
      ctx.calls.power("off", target(host), credentialsOf(host), { ...callOptions(host, ctx), graceful: true, settleTimeoutMs: timeoutS * 1000 }),
    );
  } catch (e) {
    if (!(e instanceof HostOperationError && e.cause instanceof BmcError && e.cause.kind === "settle")) throw e;
    await op(host, `ForceOff after ${timeoutS} s`, () => ctx.calls.power("off", target(host), credentialsOf(host), callOptions(host, ctx)));
  }
}

async function waitOff(host: HostOutputs, ctx: LifecycleContext): Promise<void> {
  const deadline = Date.now() + (ctx.wipeTimeoutMs ?? 3_600_000);
  const interval = ctx.options?.pollIntervalMs ?? 5_000;
  for (;;) {
    const r = await op(host, "wait for the wipe", () => ctx.calls.power("status", target(host), credentialsOf(host), callOptions(host, ctx)));
    if (r.after === "off") return;
    if (Date.now() + interval > deadline)
      throw new HostOperationError(host.hostname, r.bmc, "wipe", `the node still reports ${r.after}; the wipe image did not finish`);
    await sleep(interval);
  }
}

function target(host: HostInputs): BmcTarget {
  return host.fallbackUrl === undefined ? { bmc: host.bmcUrl } : { bmc: host.bmcUrl, fallback: host.fallbackUrl };
}

/** The recorded power state as a hint for the BMC client (IPMI then asks without reading first; the read-back decides). */
function known(state: HostOutputs["powerState"]): { knownState?: PowerState } {
  return state === "on" || state === "off" ? { knownState: state } : {};
}

function callOptions(host: HostInputs, ctx: LifecycleContext): ProvisioningOptions {
  return { ...ctx.options, ...(host.tls ? { tls: host.tls } : {}) };
}

/** Runs one BMC operation; a failure becomes a {@link HostOperationError} naming host, BMC and operation. */
async function op<T>(host: HostInputs, operation: string, call: () => Promise<T>, bmc: string = host.bmcUrl): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof HostOperationError) throw e;
    const named = e instanceof BmcError ? e.bmc : bmc;
    throw new HostOperationError(host.hostname, named, operation, e instanceof Error ? e.message : String(e), { cause: e });
  }
}

function outputs(
  host: HostInputs,
  found: { state: LifecycleState; powerState: PowerState | "unknown"; bmcAnswered: string; facts: InspectedFacts },
): HostOutputs {
  return { ...host, credentials: secret(credentialsOf(host)), ...found };
}

/** What of the facts goes into state: identity and the figures compared with the blueprint. */
export function summarise(f: HardwareFacts): InspectedFacts {
  const macs = (f.nics ?? []).flatMap((n) => (n.mac ? [n.mac] : []));
  const defined = <T>(v: T | undefined) => v !== undefined;
  const entries: [string, unknown][] = [
    ["systemId", f.systemId],
    ["manufacturer", f.manufacturer],
    ["model", f.model],
    ["serialNumber", f.serialNumber],
    ["accelerators", f.accelerators?.length],
    ["acceleratorModel", f.accelerators?.[0]?.model],
    ["memoryGiB", f.memoryGiB],
    ["macs", macs.length > 0 ? macs : undefined],
  ];
  return Object.fromEntries(entries.filter(([, v]) => defined(v))) as InspectedFacts;
}
