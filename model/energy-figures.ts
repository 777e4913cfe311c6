/**
 * Whether a site's energy and water figures can be true: the one home of the plausibility checks
 * the loader turns into located errors (an impossible figure makes the inventory invalid, so no
 * KPI is ever computed from it). Pure.
 *
 * - EIT ≤ EDC: the IT equipment is part of the data centre (PUE = EDC / EIT ≥ 1, EN 50600-4-2).
 * - EIT ≤ installed IT power × the hours of the period: the racks cannot draw more.
 * - EREUSE ≤ EDC: no more heat is reused than energy came in (ERF ≤ 1, EN 50600-4-6).
 * - WIN-POT ≤ WIN: potable water is part of the water input.
 */
import type { FieldPath } from "../inventory/problem";
import type { Energy } from "../inventory/schema/energy";
import { formatKW } from "./power";
import { roundTenth } from "./round";

/** Hours of a reporting period: a calendar year (`2025`) has 8760 or 8784; anything else is taken as a leap year, the longest. */
export function hoursIn(period: string | undefined): number {
  const year = period !== undefined && /^\d{4}$/.test(period) ? Number(period) : undefined;
  const leap = year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  return (leap ? 366 : 365) * 24;
}

/** An impossible figure: the field and why. */
export interface FigureProblem {
  readonly path: FieldPath;
  readonly message: string;
}

const mwh = (x: number) => `${roundTenth(x)} MWh`;

/** The impossible figures of `energy` for a site of `itPowerKW` installed IT power. */
export function impossibleFigures(energy: Energy, itPowerKW: number): FigureProblem[] {
  const found: FigureProblem[] = [];
  const edc = energy.annualDemandMWh;
  const eit = energy.itEnergyMWh;
  if (eit !== undefined && eit > edc) {
    found.push({
      path: ["energy", "itEnergyMWh"],
      message: `IT energy (EIT) ${mwh(eit)} is more than the data centre's total energy (EDC) ${mwh(edc)}; PUE cannot be below 1`,
    });
  }
  const hours = hoursIn(energy.period);
  const drawable = (itPowerKW * hours) / 1000;
  if (eit !== undefined && eit > drawable) {
    const period = energy.period !== undefined ? `period ${energy.period}` : "a year";
    found.push({
      path: ["energy", "itEnergyMWh"],
      message: `IT energy (EIT) ${mwh(eit)} is more than the installed IT power can draw in ${period}: ${formatKW(itPowerKW)} × ${hours} h = ${mwh(drawable)}`,
    });
  }
  if (energy.reusedHeatMWh !== undefined && energy.reusedHeatMWh > edc) {
    found.push({
      path: ["energy", "reusedHeatMWh"],
      message: `reused heat (EREUSE) ${mwh(energy.reusedHeatMWh)} is more than the total energy (EDC) ${mwh(edc)}`,
    });
  }
  if (energy.potableWaterM3 !== undefined && energy.waterInputM3 !== undefined && energy.potableWaterM3 > energy.waterInputM3) {
    found.push({
      path: ["energy", "potableWaterM3"],
      message: `potable water (WIN-POT) ${energy.potableWaterM3} m³ is more than the water input (WIN) ${energy.waterInputM3} m³`,
    });
  }
  return found;
}
