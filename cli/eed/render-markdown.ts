/**
 * The EU data-centre report as Markdown: the period and due date, which sites report and why, and
 * per reporting site its energy mix and its KPIs against their thresholds as Mermaid charts
 * (GitHub renders them), every field with its source, and the missing fields in words.
 */
import { EED_FIELDS } from "./fields";
import type { EedReport, SiteRecord } from "./record";
import { describeTrace } from "./trace";

/** Renders the report as Markdown. */
export function renderEedMarkdown(report: EedReport): string {
  const missing = report.sites.reduce((n, s) => n + s.missing.length, 0);
  const lines = [
    `# EU data-centre report ${report.period.year}: ${report.fleet}`,
    "",
    `Reporting period ${report.period.from} to ${report.period.to}; due ${report.dueDate} (Delegated Regulation (EU) 2024/1364 Art. 3(1)). ` +
      `Sites with an installed IT power demand of at least ${report.reportingThresholdKW} kW report (Directive (EU) 2023/1791 Art. 12).`,
    "",
    report.complete
      ? "**Complete**: every site that must report has every mandatory field."
      : `**Incomplete**: ${missing} mandatory ${missing === 1 ? "field is" : "fields are"} missing.`,
    "",
    "| site | reports | why |",
    "| --- | --- | --- |",
    ...report.sites.map((s) => `| ${s.site} | ${s.mustReport ? "yes" : "no"} | ${s.reason} |`),
  ];
  for (const s of report.sites.filter((x) => x.mustReport)) lines.push("", ...siteSection(s, report.period.year));
  return `${lines.join("\n")}\n`;
}

function siteSection(s: SiteRecord, year: number): string[] {
  const out = [
    `## ${s.site}`,
    "",
    `From ${s.file}; the period's figures from ${s.energySource === "metering" ? "its metering file" : s.energySource === "inventory" ? "the site file's energy section" : "nowhere (missing)"}.`,
  ];
  if (s.missing.length > 0) out.push("", "Missing:", ...s.missing.map((m) => `- ${m.label} (${m.key}): ${m.reason}`));
  out.push(
    "",
    ...energyMix(s, year),
    "",
    ...supplyTable(s),
    "",
    ...kpiCharts(s, year),
    "",
    "| field | value | unit | source | legal basis |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const v of s.values) {
    const legal = EED_FIELDS.find((f) => f.key === v.key)!.legal;
    const value = v.value === null ? "**missing**" : String(v.value);
    out.push(`| ${v.label} | ${value} | ${v.unit} | ${escape(v.trace ? describeTrace(v.trace) : (v.missing ?? ""))} | ${legal} |`);
  }
  return out;
}

/** A pie of the period's energy: renewable by kind, and the rest. */
function energyMix(s: SiteRecord, year: number): string[] {
  const value = (key: string) => (s.values.find((v) => v.key === key)?.value ?? null) as number | null;
  const edc = value("edcMWh");
  if (edc === null) return ["Energy mix: not available (EDC is missing)."];
  const slices: [string, number][] = [
    ["ERES-GOO, Guarantees of Origin", value("eresGooMWh") ?? 0],
    ["ERES-PPA, power purchase agreements", value("eresPpaMWh") ?? 0],
    ["ERES-OS, on site", value("eresOsMWh") ?? 0],
    ["not evidenced renewable", Math.max(0, edc - (value("eresTotMWh") ?? 0))],
  ];
  // Mermaid takes positive slices of at most two decimals.
  const shown = slices.map(([label, mwh]) => [label, Math.round(mwh * 100) / 100] as const).filter(([, mwh]) => mwh > 0);
  if (shown.length === 0) return [`Energy mix: nothing to chart (EDC ${edc} MWh).`];
  return [
    `### Energy mix ${year}`,
    "",
    "```mermaid",
    "pie showData",
    `    title ${s.site} energy ${year}, MWh (EDC ${edc})`,
    ...shown.map(([label, mwh]) => `    "${label}" : ${mwh}`),
    "```",
  ];
}

/** The period's supplies with their Guarantees of Origin: what counted as renewable, and why not. */
function supplyTable(s: SiteRecord): string[] {
  if (s.supplies.length === 0) return [];
  const rows = s.supplies.map((x) => {
    const goo =
      x.registry === undefined
        ? "none"
        : `${x.registry}: ${x.certificates.join(", ") || "no ids"}${x.cancelled === false ? " (not cancelled)" : " (cancelled)"}`;
    return `| supply[${x.index}] | ${x.kind} | ${x.technology} | ${x.deliveredMWh} | ${x.countedMWh} | ${escape(goo)} | ${escape(x.reason ?? "counts")} | ${escape(describeTrace(x.trace))} |`;
  });
  return [
    "| supply | kind | technology | delivered MWh | counted MWh | Guarantees of Origin | verdict | source |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ];
}

/** A bar chart per KPI with a threshold: the value beside the limit. */
function kpiCharts(s: SiteRecord, year: number): string[] {
  const out = [`### KPIs against their thresholds ${year}`, ""];
  for (const t of s.thresholds) {
    const verdict = t.meets === null ? "missing" : t.meets ? "meets" : "does not meet";
    out.push(`- ${t.kpi} ${t.value ?? "missing"} ${t.comparison} ${t.limit}: ${verdict} (threshold: ${t.source})`);
  }
  for (const key of ["wue", "erf"]) {
    const v = s.values.find((x) => x.key === key);
    out.push(`- ${key.toUpperCase()} ${v?.value ?? "missing"}${key === "wue" ? " L/kWh" : ""}: reported, no threshold in the fleet's policy`);
  }
  for (const t of s.thresholds.filter((x) => x.value !== null)) {
    const top = Math.ceil(Math.max(t.value!, t.limit) * 12) / 10;
    out.push(
      "",
      "```mermaid",
      "xychart-beta",
      `    title "${s.site} ${t.kpi} ${year}: ${t.value} (${t.comparison} ${t.limit})"`,
      `    x-axis ["${t.kpi} ${year}", "threshold"]`,
      `    y-axis "${t.kpi}" 0 --> ${top}`,
      `    bar [${t.value}, ${t.limit}]`,
      "```",
    );
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}
