/**
 * The text report: one line per violation (`file:line:col: level policy: message`), the
 * thresholds applied, then each site's period, KPI line and renewable evidence, then the verdict.
 */
import type { AuditReport } from "../../policies/audit";
import type { SupplyEvidence } from "../../policies/rules/renewable";
import { where } from "../../policies/violation";
import { kpiLine, period, thresholdsLine, verdict } from "./common";

/** `  supply[0] ppa wind 600 MWh: counted 600 MWh; AST LV-GO-1`. */
export function evidenceLine(e: SupplyEvidence): string {
  const verdict = e.reason === undefined ? `counted ${e.countedMWh} MWh` : `not counted: ${e.reason}`;
  const proof = [e.registry, ...e.certificates].filter((x): x is string => x !== undefined).join(" ");
  return `  supply[${e.index}] ${e.kind} ${e.technology} ${e.annualMWh} MWh: ${verdict}${proof === "" ? "" : `; ${proof}`}`;
}

/** Renders the report as text. */
export function renderText(report: AuditReport): string {
  const lines = report.violations.map((v) => `${where(v)}: ${v.enforcementLevel} ${v.policy}: ${v.message}`);
  lines.push(`thresholds: ${thresholdsLine(report)}`);
  for (const s of report.sites) {
    lines.push(`site ${s.id} (${s.country}), ${period(s)}: ${kpiLine(s)}`);
    lines.push(...s.renewableEvidence.map(evidenceLine));
  }
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}
