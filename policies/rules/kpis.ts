/**
 * The EU data-centre KPI sheet of a site (Delegated Regulation (EU) 2024/1364, Annex I and II),
 * from the inventory's declared or metered figures. A KPI whose inputs are missing is `null`.
 *
 * PUE = EDC / EIT (EN 50600-4-2); WUE = WIN / EIT in L/kWh (EN 50600-4-9);
 * ERF = EREUSE / EDC (EN 50600-4-6); REF = ERES-TOT / EDC (EN 50600-4-3).
 */
import type { SiteFacts } from "../../model/site-facts";
import { accountRenewables, type SupplyEvidence } from "./renewable";
import type { RuleSettings } from "./types";

/** The KPI sheet. Energy in MWh, water in m³, power in kW. */
export interface KpiSheet {
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
  /** ERES-GOO, ERES-PPA, ERES-OS: evidenced renewable energy by kind (before the cap at EDC). */
  readonly eresGooMWh: number;
  readonly eresPpaMWh: number;
  readonly eresOsMWh: number;
  /** ERES-TOT: evidenced renewable energy, capped at EDC so nothing counts twice. */
  readonly eresTotMWh: number;
  readonly pue: number | null;
  readonly designPue: number;
  readonly wue: number | null;
  readonly erf: number | null;
  readonly ref: number;
  readonly itPowerKW: number;
  /** Whether the site reports to the EU database (installed IT power ≥ 500 kW, EED Art. 12). */
  readonly reportingObligation: boolean;
}

/** The KPI sheet and the renewable evidence behind REF. */
export interface SiteKpis {
  readonly kpis: KpiSheet;
  readonly renewableShare: number;
  readonly evidence: readonly SupplyEvidence[];
}

/** Computes the KPI sheet of a site. */
export function siteKpis(facts: SiteFacts, settings: Pick<RuleSettings, "reportingThresholdKW">): SiteKpis {
  const e = facts.energy;
  const account = accountRenewables(e);
  const eit = e.itEnergyMWh ?? null;
  const ratio = (num: number | undefined, den: number | null): number | null => (num === undefined || den === null || den === 0 ? null : round(num / den));
  return {
    kpis: {
      period: e.period ?? null,
      edcMWh: e.annualDemandMWh,
      eitMWh: eit,
      winM3: e.waterInputM3 ?? null,
      winPotM3: e.potableWaterM3 ?? null,
      ereuseMWh: e.reusedHeatMWh ?? null,
      eresGooMWh: account.byKind.goo,
      eresPpaMWh: account.byKind.ppa,
      eresOsMWh: account.byKind.onsite,
      eresTotMWh: account.coveredMWh,
      pue: ratio(e.annualDemandMWh, eit),
      designPue: facts.facility.designPue,
      // m³ per MWh is litres per kWh.
      wue: ratio(e.waterInputM3, eit),
      erf: ratio(e.reusedHeatMWh, e.annualDemandMWh),
      ref: round(account.share),
      itPowerKW: facts.itPowerKW,
      reportingObligation: facts.itPowerKW >= settings.reportingThresholdKW,
    },
    renewableShare: round(account.share),
    evidence: account.supplies,
  };
}

/** Four decimals: enough for a KPI, stable in JSON. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The sustainability indicators' formulas (Delegated Regulation (EU) 2024/1364 Annex III),
 * unrounded, with the text a report prints beside a value. WIN in m³ over EIT in MWh is L/kWh.
 */
export const KPI_FORMULAS = {
  pue: { text: "PUE = EDC / EIT", of: (edcMWh: number, eitMWh: number): number => edcMWh / eitMWh },
  wue: { text: "WUE = WIN / EIT", of: (winM3: number, eitMWh: number): number => winM3 / eitMWh },
  erf: { text: "ERF = EREUSE / EDC", of: (ereuseMWh: number, edcMWh: number): number => ereuseMWh / edcMWh },
  ref: { text: "REF = ERES-TOT / EDC", of: (eresTotMWh: number, edcMWh: number): number => eresTotMWh / edcMWh },
} as const;
