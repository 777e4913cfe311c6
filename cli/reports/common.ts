/** Wording shared by the report formats. */
import type { AuditReport, SiteAudit } from "../../policies/audit";
import { formatShare, formatThreshold } from "../../policies/rules/format";
import { kpiThresholds, type KpiThresholds } from "../../policies/rules/kpis";

/** `1 site`, `2 sites`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Mandatory and advisory violation counts. */
export function counts(report: AuditReport): { readonly mandatory: number; readonly advisory: number } {
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  return { mandatory, advisory: report.violations.length - mandatory };
}

/** `not compliant: 2 mandatory, 0 advisory violations; 1 site audited in eu mode`. */
export function verdict(report: AuditReport): string {
  const { mandatory, advisory } = counts(report);
  return `${report.compliant ? "compliant" : "not compliant"}: ${mandatory} mandatory, ${advisory} advisory violation${mandatory + advisory === 1 ? "" : "s"}; ${plural(report.sites.length, "site")} audited in ${report.mode} mode`;
}

/** What a report shows for a figure that is not there. */
export const MISSING = "missing";

/** A KPI value for humans: `missing` when it cannot be computed. */
export function kpi(value: number | null, unit = ""): string {
  return value === null ? MISSING : `${value}${unit}`;
}

/** The reporting period of a site's figures, in words: `period 2027`, `period not declared`. */
export function period(s: SiteAudit): string {
  return `period ${s.kpis.period ?? "not declared"}`;
}

/** The thresholds the report was judged against. */
export function thresholds(report: AuditReport): KpiThresholds {
  return kpiThresholds(report.settings);
}

/** `renewable ≥ 100% (REF), PUE ≤ 1.3 (design and measured), EU reporting from 500 kW IT power, heat reuse from 1000 kW`. */
export function thresholdsLine(report: AuditReport): string {
  const t = thresholds(report);
  return [
    `renewable ≥ ${formatThreshold(t.renewableShare)} (REF)`,
    `PUE ≤ ${t.maxPue} (design and measured)`,
    `EU reporting from ${t.reportingThresholdKW} kW IT power`,
    `heat reuse from ${t.heatReuseThresholdKW} kW`,
  ].join(", ");
}

/** `missing figures: itEnergyMWh (EIT), waterInputM3 (WIN)`, or undefined when none are. */
export function missingLine(s: SiteAudit): string | undefined {
  return s.kpis.missing.length === 0 ? undefined : `missing figures: ${s.kpis.missing.join(", ")}`;
}

/** The KPI line of a site: `renewable 100%, PUE 1.25 (design 1.2), WUE 0.125 L/kWh, ERF 0.2, REF 1, IT power 42 kW, EU reporting: no`. */
export function kpiLine(s: SiteAudit): string {
  const k = s.kpis;
  return [
    `renewable ${formatShare(s.renewableShare)}`,
    `PUE ${kpi(k.pue)} (design ${k.designPue})`,
    `WUE ${kpi(k.wue, " L/kWh")}`,
    `ERF ${kpi(k.erf)}`,
    `REF ${k.ref}`,
    `IT power ${k.itPowerKW} kW`,
    `EU reporting: ${k.reportingObligation ? "yes" : "no"}`,
    ...(missingLine(s) !== undefined ? [missingLine(s)!] : []),
  ].join(", ");
}

/** Policies judged only on resource inputs (by the pack), not on the inventory. */
export const PACK_ONLY_NOTE = "judged on resource inputs by the CrossGuard pack (pulumi preview --policy-pack policies), not on the inventory";
