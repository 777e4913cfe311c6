/** The Markdown report, for a pull-request comment: verdict, violations, thresholds, KPI sheet with periods, renewable evidence. */
import type { AuditReport, SiteAudit } from "../../policies/audit";
import { formatShare } from "../../policies/rules/format";
import { counts, kpi, plural, PACK_ONLY_NOTE, thresholdsLine } from "./common";

/** A table cell: pipes escaped, lines joined. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(head), row(head.map(() => "---")), ...rows.map(row)];
}

/** Renders the report as Markdown. */
export function renderMarkdown(report: AuditReport): string {
  const { mandatory, advisory } = counts(report);
  const out: string[] = [
    `## ${report.compliant ? "✅ Gigafactory audit: compliant" : `❌ Gigafactory audit: ${plural(mandatory, "mandatory violation")}`}`,
    "",
    `Fleet \`${report.fleet}\` in ${report.mode} mode: ${plural(report.sites.length, "site")}, ${mandatory} mandatory and ${advisory} advisory violation${mandatory + advisory === 1 ? "" : "s"}.`,
    "",
    `Thresholds: ${thresholdsLine(report)}.`,
    "",
  ];
  if (report.violations.length > 0) {
    out.push(
      ...table(
        ["Level", "Policy", "Subject", "Violation", "Location"],
        report.violations.map((v) => [v.enforcementLevel, `\`${v.policy}\``, cell(v.subject), cell(v.message), `\`${v.file}:${v.line}\``]),
      ),
      "",
    );
  }
  out.push(
    "### EU data-centre KPIs",
    "",
    ...table(
      ["Site", "Country", "Period", "Renewable", "PUE", "Design PUE", "WUE (L/kWh)", "ERF", "REF", "IT power", "EU reporting", "Missing figures"],
      report.sites.map(kpiRow),
    ),
    "",
  );
  for (const s of report.sites) out.push(...evidence(s));
  const packOnly = report.policies.filter((p) => p.scope === "resource").map((p) => `\`${p.name}\``);
  out.push(`_${packOnly.join(" and ")}: ${PACK_ONLY_NOTE}._`);
  return `${out.join("\n")}\n`;
}

function kpiRow(s: SiteAudit): string[] {
  const k = s.kpis;
  return [
    s.id,
    s.country,
    k.period ?? "not declared",
    formatShare(s.renewableShare),
    kpi(k.pue),
    String(k.designPue),
    kpi(k.wue),
    kpi(k.erf),
    String(k.ref),
    `${k.itPowerKW} kW`,
    k.reportingObligation ? "yes" : "no",
    k.missing.length === 0 ? "none" : cell(k.missing.join(", ")),
  ];
}

function evidence(s: SiteAudit): string[] {
  const rows = s.renewableEvidence.map((e) => [
    `supply[${e.index}]`,
    e.kind,
    e.technology,
    String(e.annualMWh),
    String(e.countedMWh),
    cell(e.registry ?? "none"),
    cell(e.certificates.join(", ") || "none"),
    cell(e.reason ?? "counted"),
  ]);
  return [
    `<details><summary>Renewable evidence of ${s.id}: ${formatShare(s.renewableShare)} of ${s.kpis.edcMWh} MWh</summary>`,
    "",
    ...table(["Supply", "Kind", "Technology", "MWh", "Counted MWh", "Registry", "Certificates", "Verdict"], rows),
    "",
    "</details>",
    "",
  ];
}
