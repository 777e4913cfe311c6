/**
 * Findings of the site rules located in the inventory: the violations the preflight gate and
 * `gigafactory audit` report, with the file and line a reviewer should look at.
 */
import { expandSite } from "../inventory/expand";
import type { ExpandedSite, Fleet, SiteEntry } from "../inventory/fleet";
import type { SiteFacts } from "../model/site-facts";
import { siteFacts } from "./facts";
import { checkSite, DEFAULT_SETTINGS, ruleMeta, type Finding, type Mode, type PolicyName, type RuleMeta, type RuleSettings } from "./rules";

/** A violation of a policy, located in the inventory. */
export interface Violation {
  readonly policy: PolicyName;
  readonly enforcementLevel: "mandatory" | "advisory";
  /** Who is at fault, e.g. `site [kef-1]`. */
  readonly subject: string;
  /** The same text the pack reports. */
  readonly message: string;
  /** The inventory file, relative to the directory the fleet was loaded from. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The sites it was found at (an operator's violation concerns every site of the fleet). */
  readonly sites: readonly string[];
}

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** The jurisdiction boundary, the one mode setting; defaults to `eu` (the fleet's `policy.mode` cannot relax it). */
  readonly mode?: Mode;
  /** Advisory policies the operator makes mandatory, e.g. `eed-reporting` (the pack's `enforcementLevel` config). */
  readonly mandatory?: readonly PolicyName[];
}

/**
 * The thresholds a fleet is judged by. The inventory under review may only tighten the platform's
 * defaults (a higher renewable threshold, a lower PUE); it cannot relax them, not even to `eea`:
 * only the operator running the check can, with an explicit `mode`.
 */
export function fleetSettings(fleet: Pick<Fleet, "policy">, options: EvaluateOptions = {}): RuleSettings {
  return {
    ...DEFAULT_SETTINGS,
    mode: options.mode ?? DEFAULT_SETTINGS.mode,
    renewableThreshold: Math.max(DEFAULT_SETTINGS.renewableThreshold, fleet.policy.renewableThreshold),
    maxDesignPue: Math.min(DEFAULT_SETTINGS.maxDesignPue, fleet.policy.maxDesignPue),
  };
}

/** One site judged: its facts and its violations. */
export interface SiteEvaluation {
  readonly entry: SiteEntry;
  readonly facts: SiteFacts;
  readonly violations: readonly Violation[];
}

/**
 * Judges one site of the fleet with every site rule. `expanded` is computed when not given;
 * `mandatory` names the advisory policies the operator made mandatory.
 */
export function evaluateSite(
  fleet: Fleet,
  entry: SiteEntry,
  settings: RuleSettings,
  expanded: ExpandedSite = expandSite(entry.site),
  mandatory: readonly PolicyName[] = [],
): SiteEvaluation {
  const facts = siteFacts(fleet, expanded);
  const violations = checkSite(facts, settings).map((f) => locate(f, fleet, entry, mandatory));
  return { entry, facts, violations };
}

/** A policy's metadata with the level the operator gave it. */
export function effectiveMeta(meta: RuleMeta, mandatory: readonly PolicyName[] = []): RuleMeta {
  return mandatory.includes(meta.name) ? { ...meta, enforcementLevel: "mandatory" } : meta;
}

/** Places a finding at its file and line, at its policy's level (a finding asking for review stays advisory). */
export function locate(finding: Finding, fleet: Fleet, entry: SiteEntry, mandatory: readonly PolicyName[] = []): Violation {
  const at = finding.document === "fleet" ? fleet.locate(finding.path) : entry.locate(finding.path);
  const level = finding.level ?? effectiveMeta(ruleMeta(finding.policy), mandatory).enforcementLevel;
  return {
    policy: finding.policy,
    enforcementLevel: level,
    subject: finding.subject,
    message: finding.message,
    file: at.file,
    line: at.line,
    column: at.column,
    sites: [entry.site.id],
  };
}

/** `file:line:column`. */
export function where(v: Pick<Violation, "file" | "line" | "column">): string {
  return `${v.file}:${v.line}:${v.column}`;
}
