/**
 * The text report: one line per violation (`file:line:col: level policy: message`), then each
 * site's KPI line and renewable evidence, then the verdict.
 */
import type { AuditReport } from "../../policies/audit";
import type { SupplyEvidence } from "../../policies/rules/renewable";
import { where } from "../../policies/violation";
import { kpiLine, verdict } from "./common";

/** `  supply[0] ppa wind 600 MWh: counted 600 MWh; AST LV-GO-1`. */
export function evidenceLine(e: SupplyEvidence): string {
  const verdict = e.reason === undefined ? `counted ${e.countedMWh} MWh` : `not counted: ${e.reason}`;
  const proof = [e.registry, ...e.certificates].filter((x): x is string => x !== undefined).join(" ");
  return `  supply[${e.index}] ${e.kind} ${e.technology} ${e.annualMWh} MWh: ${verdict}${proof === "" ? "" : `; ${proof}`}`;
}

/** Renders the report as text. */
export function renderText(report: AuditReport): string {
  const lines = report.violations.map((v) => `${where(v)}: ${v.enforcementLevel} ${v.policy}: ${v.message}`);
  for (const s of report.sites) {
    lines.push(`site ${s.id} (${s.country}): ${kpiLine(s)}`);
    lines.push(...s.renewableEvidence.map(evidenceLine));
  }
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}
