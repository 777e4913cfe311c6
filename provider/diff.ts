/**
 * What a change of a host's inputs means, decided without touching a BMC. Nothing ever replaces a
 * host (a replace would delete it, and deleting powers the server off): every change is an update
 * in place. An update does, at most:
 * - `verify`: read the power state through the (new) BMC with the (new) credentials and TLS, so a
 *   rotated password or a re-pointed BMC is proven before it is recorded; never a power action;
 * - `power-on`: when the node is not on (a refresh found it powered off by hand, or unknown).
 * Everything else (feeds, parallelism, expected hardware, boot source, wipe settings, in-band
 * address) is only recorded.
 */
import { credentialsOf, type HostInputs, type HostOutputs } from "./host-inputs";

/** What an update does. */
export type UpdateAction = "verify" | "power-on";

/** The outcome of a diff: the inputs that changed, and what an update would do. */
export interface HostDiff {
  /** Changed input keys (`credentials` when the username or password changed; no value is named). */
  readonly changed: readonly string[];
  /** What the update does, in order. */
  readonly actions: readonly UpdateAction[];
}

/** Inputs whose change needs the BMC to answer before it is recorded. */
const VERIFIED = ["bmcUrl", "fallbackUrl", "credentials", "tls"] as const;
/** Inputs only recorded. */
const RECORDED = ["hostname", "inBandAddress", "feeds", "parallelism", "expected", "boot", "wipeImageUrl", "shutdownTimeoutSeconds"] as const;

/** Compares the recorded outputs with the new inputs. */
export function diffHost(olds: Partial<HostOutputs>, news: Partial<HostInputs>): HostDiff {
  const changed: string[] = [];
  for (const key of [...VERIFIED, ...RECORDED]) {
    const same = key === "credentials" ? sameCredentials(olds, news) : canonical(olds[key]) === canonical(news[key]);
    if (!same) changed.push(key);
  }
  const actions: UpdateAction[] = [];
  if (changed.some((k) => (VERIFIED as readonly string[]).includes(k))) actions.push("verify");
  if (olds.powerState !== "on") actions.push("power-on");
  return { changed, actions };
}

/** Whether the diff asks the engine for an update. */
export function hasChanges(d: HostDiff): boolean {
  return d.changed.length > 0 || d.actions.length > 0;
}

function sameCredentials(a: Partial<HostInputs>, b: Partial<HostInputs>): boolean {
  const x = credentialsOf({ credentials: a.credentials });
  const y = credentialsOf({ credentials: b.credentials });
  return x.username === y.username && x.password === y.password;
}

/** JSON with sorted keys, so key order never counts as a change. */
function canonical(v: unknown): string {
  return (
    JSON.stringify(v, (_k, value: unknown) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1)))
        : value,
    ) ?? "undefined"
  );
}
