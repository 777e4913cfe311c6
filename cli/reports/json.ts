/**
 * The JSON report: `{ compliant, violations: [{ policy, enforcementLevel, subject, message, file,
 * line, column, sites }], sites: [{ id, country, renewableShare, kpis, renewableEvidence }] }`.
 */
import type { AuditReport } from "../../policies/audit";

/** Renders the report as JSON. */
export function renderJson(report: AuditReport): string {
  const body = {
    fleet: report.fleet,
    mode: report.mode,
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
