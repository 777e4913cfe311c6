/**
 * The EU data-centre report as CSV (RFC 4180): one row per site and field, with the period, the
 * due date, the value or why it is missing, and where it came from; then a row per supply with the
 * energy counted as renewable and its Guarantees of Origin (`missing` says why a supply does not
 * count). A site that does not report has one row, `must_report` false, with the reason.
 */
import { EED_FIELDS } from "./fields";
import type { EedReport } from "./record";
import { describeTrace } from "./trace";

/** Why a supply's counted energy is reported. */
const RENEWABLE_BASIS = "Delegated Regulation (EU) 2024/1364 Annex II (ERES); Directive (EU) 2018/2001 Art. 19";

const HEADER = ["year", "due", "site", "must_report", "field", "label", "value", "unit", "source", "legal_basis", "missing"];

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function cell(value: string | number | boolean | null): string {
  const s = value === null ? "" : String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders the report as CSV. */
export function renderEedCsv(report: EedReport): string {
  const rows: (string | number | boolean | null)[][] = [HEADER];
  const year = report.period.year;
  for (const s of report.sites) {
    if (!s.mustReport) {
      rows.push([
        year,
        report.dueDate,
        s.site,
        false,
        "installedItPowerKW",
        "installed IT power demand (PDIT)",
        s.installedItPower.kw,
        "kW",
        describeTrace(s.installedItPower.trace),
        "",
        s.reason,
      ]);
      continue;
    }
    for (const v of s.values) {
      const legal = EED_FIELDS.find((f) => f.key === v.key)!.legal;
      rows.push([year, report.dueDate, s.site, true, v.key, v.label, v.value, v.unit, v.trace ? describeTrace(v.trace) : "", legal, v.missing ?? ""]);
    }
    for (const x of s.supplies) {
      const goo =
        x.registry === undefined
          ? "no Guarantees of Origin"
          : `Guarantees of Origin ${x.registry}: ${x.certificates.join(" ")}${x.cancelled === false ? ", not cancelled" : ", cancelled"}`;
      const label = `${x.kind} ${x.technology}, ${x.deliveredMWh} MWh delivered; ${goo}`;
      rows.push([
        year,
        report.dueDate,
        s.site,
        true,
        `supply[${x.index}]`,
        label,
        x.countedMWh,
        "MWh",
        describeTrace(x.trace),
        RENEWABLE_BASIS,
        x.reason ?? "",
      ]);
    }
  }
  return `${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`;
}
