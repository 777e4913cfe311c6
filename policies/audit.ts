/**
 * The auditor's view of a fleet: every site rule on every site, the violations located in the
 * inventory, and each site's EU data-centre KPI sheet with its renewable evidence. Pure: no
 * Pulumi, no network; `gigafactory audit` renders it.
 */
import { compareProblems } from "../inventory/problem";
import type { ExpandedSite, Fleet } from "../inventory/fleet";
import { RULES, type Mode, type RuleMeta, type RuleSettings } from "./rules";
import { siteKpis, type KpiSheet } from "./rules/kpis";
import type { SupplyEvidence } from "./rules/renewable";
import { effectiveMeta, evaluateSite, fleetSettings, type EvaluateOptions, type Violation } from "./violation";

/** One site in the report. */
export interface SiteAudit {
  readonly id: string;
  readonly country: string;
  readonly subdivision?: string;
  readonly file: string;
  readonly renewableShare: number;
  readonly kpis: KpiSheet;
  readonly renewableEvidence: readonly SupplyEvidence[];
}

/** The report. */
export interface AuditReport {
  readonly fleet: string;
  readonly mode: Mode;
  readonly settings: RuleSettings;
  /** True when no mandatory policy is violated. */
  readonly compliant: boolean;
  /** Sorted by file and line; a violation found at several sites is listed once. */
  readonly violations: readonly Violation[];
  readonly sites: readonly SiteAudit[];
  /** Every policy at the level it was judged at, site rules first; `scope: "resource"` ones are judged by the pack alone. */
  readonly policies: readonly RuleMeta[];
}

/** Audits every site of a valid fleet. `expanded` are the loader's expanded sites (computed when missing). */
export function auditFleet(fleet: Fleet, expanded: readonly ExpandedSite[], options: EvaluateOptions = {}): AuditReport {
  const settings = fleetSettings(fleet, options);
  const byId = new Map(expanded.map((e) => [e.site.id, e]));
  const violations = new Map<string, Violation>();
  const sites: SiteAudit[] = [];
  for (const entry of fleet.sites) {
    const evaluation = evaluateSite(fleet, entry, settings, byId.get(entry.site.id), options.mandatory);
    for (const v of evaluation.violations) {
      const key = `${v.policy}\u0000${v.message}\u0000${v.file}\u0000${v.line}`;
      const seen = violations.get(key);
      violations.set(key, seen ? { ...seen, sites: [...seen.sites, ...v.sites] } : v);
    }
    const { kpis, renewableShare, evidence } = siteKpis(evaluation.facts, settings);
    sites.push({
      id: entry.site.id,
      country: entry.site.country,
      ...(entry.site.subdivision !== undefined ? { subdivision: entry.site.subdivision } : {}),
      file: entry.file,
      renewableShare,
      kpis,
      renewableEvidence: evidence,
    });
  }
  const sorted = [...violations.values()].sort(compareProblems);
  return {
    fleet: fleet.name,
    mode: settings.mode,
    settings,
    compliant: !sorted.some((v) => v.enforcementLevel === "mandatory"),
    violations: sorted,
    sites,
    policies: RULES.map((r) => effectiveMeta(r, options.mandatory)),
  };
}
