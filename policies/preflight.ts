/**
 * The preflight gate: the program calls it before it registers any bare-metal or Kubernetes
 * resource of a site, so a site that fails a mandatory policy stops the program with the pack's
 * own messages and nothing provisioned, even when `pulumi up` runs without `--policy-pack`.
 */
import type { Fleet } from "../inventory/fleet";
import type { Mode } from "./rules";
import { evaluateSite, fleetSettings, where, type Violation } from "./violation";

/** Options of the gate. */
export interface PreflightOptions {
  /** The jurisdiction boundary, the one mode setting; defaults to `eu` (the fleet's `policy.mode` cannot relax it). */
  readonly mode?: Mode;
}

/** The gate's verdict: `ok` when no mandatory policy is violated; advisory violations are listed too. */
export interface PreflightResult {
  readonly ok: boolean;
  readonly violations: Violation[];
}

/** Judges site `siteId` of `fleet` with every site rule. Throws when the fleet has no such site. */
export function preflight(fleet: Fleet, siteId: string, options: PreflightOptions = {}): PreflightResult {
  const entry = fleet.sites.find((s) => s.site.id === siteId);
  if (!entry) throw new Error(`site [${siteId}] should be a site of fleet [${fleet.name}]; its sites are ${fleet.sites.map((s) => s.site.id).join(", ")}`);
  const { violations } = evaluateSite(fleet, entry, fleetSettings(fleet, options));
  return { ok: !violations.some((v) => v.enforcementLevel === "mandatory"), violations: [...violations] };
}

/** The error `assertPreflight` throws: its message lists every mandatory violation. */
export class PreflightError extends Error {
  constructor(
    readonly siteId: string,
    readonly violations: readonly Violation[],
  ) {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    const count = `${mandatory.length} mandatory policy violation${mandatory.length === 1 ? "" : "s"}`;
    super([`preflight refused site [${siteId}]: ${count}`, ...mandatory.map((v) => `  [${v.policy}] ${v.message} (${where(v)})`)].join("\n"));
    this.name = "PreflightError";
  }
}

/** Like `preflight`, but throws a `PreflightError` when a mandatory policy is violated. */
export function assertPreflight(fleet: Fleet, siteId: string, options: PreflightOptions = {}): PreflightResult {
  const result = preflight(fleet, siteId, options);
  if (!result.ok) throw new PreflightError(siteId, result.violations);
  return result;
}
