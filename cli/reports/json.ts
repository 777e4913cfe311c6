/**
 * The JSON report: `{ fleet, mode, thresholds, compliant, violations: [{ policy, enforcementLevel,
 * subject, message, file, line, column, sites }], sites: [{ id, country, renewableShare, kpis,
 * renewableEvidence }] }`; each site's `kpis` carries its `period`, the `thresholds` and the
 * `missing` figures. An invalid inventory: `{ valid: false, compliant: false, errors }`.
 */
import type { Problem } from "../../inventory/problem";
import type { AuditReport } from "../../policies/audit";
import type { Mode } from "../../policies/rules";
import { thresholds } from "./common";

/** Renders the report as JSON. */
export function renderJson(report: AuditReport): string {
  const body = {
    valid: true,
    fleet: report.fleet,
    mode: report.mode,
    thresholds: thresholds(report),
    compliant: report.compliant,
    violations: report.violations.map((v) => ({
      policy: v.policy,
      enforcementLevel: v.enforcementLevel,
      subject: v.subject,
      message: v.message,
      file: v.file,
      line: v.line,
      column: v.column,
      sites: v.sites,
    })),
    sites: report.sites.map((s) => ({
      id: s.id,
      country: s.country,
      ...(s.subdivision !== undefined ? { subdivision: s.subdivision } : {}),
      file: s.file,
      renewableShare: s.renewableShare,
      kpis: s.kpis,
      renewableEvidence: s.renewableEvidence,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The JSON of an inventory the loader refused: nothing audited, its located errors. */
export function renderJsonInvalid(problems: readonly Problem[], mode: Mode): string {
  return `${JSON.stringify({ valid: false, mode, compliant: false, errors: problems }, null, 2)}\n`;
}
