/**
 * The EU data-centre KPI sheet of a site (Delegated Regulation (EU) 2024/1364, Annex I and II),
 * from the inventory's declared or metered figures, and the one home of the KPI formulas:
 *
 * PUE = EDC / EIT (EN 50600-4-2); WUE = WIN / EIT in L/kWh (EN 50600-4-9);
 * ERF = EREUSE / EDC (EN 50600-4-6); REF = ERES-TOT / EDC (EN 50600-4-3).
 *
 * A KPI whose inputs are missing is `null`, and `missing` says which figures are. Figures are
 * rounded to four decimals against the site, never in its favour: shares (REF, ERF) down, PUE and
 * WUE up, so a failing figure never prints as the threshold it misses.
 */
import type { SiteFacts } from "../../model/site-facts";
import { accountRenewables, type SupplyEvidence } from "./renewable";
import { DEFAULT_SETTINGS, type RuleSettings } from "./types";

/** The thresholds a KPI sheet was judged against, stated with it in every report. */
export interface KpiThresholds {
  /** Share of EDC that must be evidenced renewable (REF), 0–1. */
  readonly renewableShare: number;
  /** Highest acceptable PUE, design and measured. */
  readonly maxPue: number;
  /** Installed IT power from which the site reports to the EU database (EED Art. 12). */
  readonly reportingThresholdKW: number;
  /** Facility power from which waste heat must be reused (EED Art. 26(6)). */
  readonly heatReuseThresholdKW: number;
}

/** The KPI sheet. Energy in MWh, water in m³, power in kW. */
export interface KpiSheet {
  /** The reporting period the figures are for, or null when the inventory names none. */
  readonly period: string | null;
  /** EDC: total data-centre energy. */
  readonly edcMWh: number;
  /** EIT: IT equipment energy. */
  readonly eitMWh: number | null;
  /** WIN and WIN-POT: water input, of which potable. */
  readonly winM3: number | null;
  readonly winPotM3: number | null;
  /** EREUSE: heat delivered for reuse. */
  readonly ereuseMWh: number | null;
  /**
   * ERES-GOO, ERES-PPA, ERES-OS: evidenced renewable energy by kind, capped at EDC (on-site
   * first, then PPAs, then GoOs), so that they add up to ERES-TOT.
   */
  readonly eresGooMWh: number;
  readonly eresPpaMWh: number;
  readonly eresOsMWh: number;
  /** ERES-TOT: evidenced renewable energy, capped at EDC so nothing counts twice. */
  readonly eresTotMWh: number;
  /** Measured PUE (EDC / EIT), rounded up. */
  readonly pue: number | null;
  readonly designPue: number;
  readonly wue: number | null;
  readonly erf: number | null;
  /** REF, rounded down. */
  readonly ref: number;
  readonly itPowerKW: number;
  /** Whether the site reports to the EU database (installed IT power ≥ 500 kW, EED Art. 12). */
  readonly reportingObligation: boolean;
  /** The declared figures the sheet lacks, in words: `itEnergyMWh (EIT)`. */
  readonly missing: readonly string[];
  readonly thresholds: KpiThresholds;
}

/** The KPI sheet and the renewable evidence behind REF. */
export interface SiteKpis {
  readonly kpis: KpiSheet;
  /** REF, rounded down. */
  readonly renewableShare: number;
  readonly evidence: readonly SupplyEvidence[];
}

/** The figures of the energy section the KPIs need, by field, with their KPI names. */
export const KPI_FIGURES: readonly (readonly [keyof SiteFacts["energy"], string])[] = [
  ["itEnergyMWh", "EIT"],
  ["waterInputM3", "WIN"],
  ["potableWaterM3", "WIN-POT"],
  ["reusedHeatMWh", "EREUSE"],
];

/** The thresholds of `settings`, as a KPI sheet states them. */
export function kpiThresholds(
  settings: Pick<RuleSettings, "renewableThreshold" | "maxDesignPue" | "reportingThresholdKW" | "heatReuseThresholdKW">,
): KpiThresholds {
  return {
    renewableShare: settings.renewableThreshold,
    maxPue: settings.maxDesignPue,
    reportingThresholdKW: settings.reportingThresholdKW,
    heatReuseThresholdKW: settings.heatReuseThresholdKW,
  };
}

/** Computes the KPI sheet of a site; thresholds not given are the defaults. */
export function siteKpis(
  facts: SiteFacts,
  settings: Pick<RuleSettings, "reportingThresholdKW"> & Partial<Pick<RuleSettings, "renewableThreshold" | "maxDesignPue" | "heatReuseThresholdKW">>,
): SiteKpis {
  const e = facts.energy;
  const account = accountRenewables(e, facts.priorClaims);
  const eit = e.itEnergyMWh ?? null;
  const ref = refOf(account.coveredMWh, e.annualDemandMWh);
  return {
    kpis: {
      period: e.period ?? null,
      edcMWh: e.annualDemandMWh,
      eitMWh: eit,
      winM3: e.waterInputM3 ?? null,
      winPotM3: e.potableWaterM3 ?? null,
      ereuseMWh: e.reusedHeatMWh ?? null,
      eresGooMWh: account.coveredByKind.goo,
      eresPpaMWh: account.coveredByKind.ppa,
      eresOsMWh: account.coveredByKind.onsite,
      eresTotMWh: account.coveredMWh,
      pue: pueOf(e.annualDemandMWh, eit),
      designPue: facts.facility.designPue,
      wue: wueOf(e.waterInputM3 ?? null, eit),
      erf: erfOf(e.reusedHeatMWh ?? null, e.annualDemandMWh),
      ref,
      itPowerKW: facts.itPowerKW,
      reportingObligation: facts.itPowerKW >= settings.reportingThresholdKW,
      missing: KPI_FIGURES.filter(([field]) => e[field] === undefined).map(([field, kpi]) => `${field} (${kpi})`),
      thresholds: kpiThresholds({ ...DEFAULT_SETTINGS, ...settings }),
    },
    renewableShare: ref,
    evidence: account.supplies,
  };
}

/** PUE = EDC / EIT (EN 50600-4-2), rounded up; null without EIT. */
export function pueOf(edcMWh: number, eitMWh: number | null): number | null {
  return eitMWh === null || eitMWh === 0 ? null : kpi("pue", edcMWh, eitMWh);
}

/** WUE = WIN / EIT in L/kWh (m³ per MWh is litres per kWh, EN 50600-4-9), rounded up; null without either. */
export function wueOf(winM3: number | null, eitMWh: number | null): number | null {
  return winM3 === null || eitMWh === null || eitMWh === 0 ? null : kpi("wue", winM3, eitMWh);
}

/** ERF = EREUSE / EDC (EN 50600-4-6), rounded down; null without EREUSE. */
export function erfOf(ereuseMWh: number | null, edcMWh: number): number | null {
  return ereuseMWh === null || edcMWh === 0 ? null : kpi("erf", ereuseMWh, edcMWh);
}

/** REF = ERES-TOT / EDC (EN 50600-4-3), rounded down. */
export function refOf(eresTotMWh: number, edcMWh: number): number {
  return edcMWh === 0 ? 0 : kpi("ref", eresTotMWh, edcMWh);
}

/** A KPI of two figures (the denominator not 0), rounded in its formula's direction. */
export function kpi(name: keyof typeof KPI_FORMULAS, numerator: number, denominator: number): number {
  const formula = KPI_FORMULAS[name];
  return formula.round(formula.of(numerator, denominator));
}

// Four decimals: enough for a KPI, stable in JSON. The epsilon keeps float noise (1.2500000000000002) from moving a figure.
const SCALE = 10_000;
const EPSILON = 1e-6;

/** `value` rounded down to four decimals: 0.99996 → 0.9999. */
export function roundDown(value: number): number {
  return Math.floor(value * SCALE + EPSILON) / SCALE;
}

/** `value` rounded up to four decimals: 1.30004 → 1.3001. */
export function roundUp(value: number): number {
  return Math.ceil(value * SCALE - EPSILON) / SCALE;
}

/**
 * The sustainability indicators' formulas (Delegated Regulation (EU) 2024/1364 Annex III), with
 * the text a report prints beside a value and the rounding to four decimals that never lets a
 * failing figure reach its threshold: up for a figure judged against a maximum (PUE, WUE), down
 * for one judged against a minimum (ERF, REF). WIN in m³ over EIT in MWh is L/kWh.
 */
export const KPI_FORMULAS = {
  pue: { text: "PUE = EDC / EIT", of: (edcMWh: number, eitMWh: number): number => edcMWh / eitMWh, round: roundUp },
  wue: { text: "WUE = WIN / EIT", of: (winM3: number, eitMWh: number): number => winM3 / eitMWh, round: roundUp },
  erf: { text: "ERF = EREUSE / EDC", of: (ereuseMWh: number, edcMWh: number): number => ereuseMWh / edcMWh, round: roundDown },
  ref: { text: "REF = ERES-TOT / EDC", of: (eresTotMWh: number, edcMWh: number): number => eresTotMWh / edcMWh, round: roundDown },
} as const;
