/**
 * The period's measured figures of one site, each with its trace: from the site's metering file of
 * that year (sums of the months; data stored is the last month's level), else from the site file's
 * `energy` section when its `period` is that year, else missing with the reason.
 */
import type { SiteEntry } from "../../inventory/fleet";
import type { MeteredColumn, MeteredYear } from "../../inventory/metering";
import { supplyColumn } from "../../inventory/metering";
import type { SiteFacts } from "../../model/site-facts";
import { inventoryTrace, type Trace } from "./trace";

/** A figure of the period, or why it is missing. */
export type Figure = { readonly value: number | string; readonly trace: Trace } | { readonly value: null; readonly missing: string };

/** The report fields the period's figures fill, by the metering column they come from. */
export const METERED_FIELDS: Readonly<Record<string, MeteredColumn>> = {
  edcMWh: "total_mwh",
  eitMWh: "it_mwh",
  backupGeneratorMWh: "backup_generator_mwh",
  winM3: "water_m3",
  winPotM3: "potable_water_m3",
  ereuseMWh: "reused_heat_mwh",
  trafficInTB: "traffic_in_tb",
  trafficOutTB: "traffic_out_tb",
  dataStoredTB: "data_stored_tb",
  dataProcessedTB: "data_processed_tb",
};

/** The fields the inventory's `energy` section can give, by its key. */
const DECLARED: Readonly<Record<string, keyof SiteFacts["energy"]>> = {
  edcMWh: "annualDemandMWh",
  eitMWh: "itEnergyMWh",
  winM3: "waterInputM3",
  winPotM3: "potableWaterM3",
  ereuseMWh: "reusedHeatMWh",
};

/** The period's figures, and the energy section the KPI formulas are computed from. */
export interface PeriodEnergy {
  readonly source: "metering" | "inventory" | "none";
  readonly figures: Readonly<Record<string, Figure>>;
  /** The site's energy figures for the period (supplies with the period's volumes), or undefined when EDC is unknown. */
  readonly energy?: SiteFacts["energy"];
  /** The trace of each supply's volume. */
  readonly supplyTraces: readonly Trace[];
}

/** The period's figures of a site. */
export function periodEnergy(entry: SiteEntry, year: number): PeriodEnergy {
  const metered = entry.metering.find((m) => m.year === year);
  if (metered) return fromMetering(entry, metered);
  if (entry.site.energy.period === String(year)) return fromInventory(entry);
  const why = `no metered data for ${year} (reporting.metering) and energy.period is ${entry.site.energy.period === undefined ? "not set" : `"${entry.site.energy.period}"`}`;
  return { source: "none", figures: Object.fromEntries(Object.keys(METERED_FIELDS).map((k) => [k, { value: null, missing: why }])), supplyTraces: [] };
}

function fromMetering(entry: SiteEntry, m: MeteredYear): PeriodEnergy {
  const lines = [m.months[0]!.line, m.months.at(-1)!.line];
  const sum = (column: string, value: (month: MeteredYear["months"][number]) => number): { value: number; trace: Trace } => ({
    value: round(m.months.reduce((a, month) => a + value(month), 0)),
    trace: { kind: "metering", file: m.file, lines, column, rule: "sum of the months" },
  });
  const figures: Record<string, Figure> = {};
  for (const [key, column] of Object.entries(METERED_FIELDS)) {
    figures[key] =
      column === "data_stored_tb"
        ? { value: m.months.at(-1)!.values[column], trace: { kind: "metering", file: m.file, lines: [lines[1], lines[1]], column, rule: "last month" } }
        : sum(column, (month) => month.values[column]);
  }
  const supplies = entry.site.energy.supply.map((s, i) => ({ supply: s, figure: sum(supplyColumn(i), (month) => month.supplyMWh[i]!) }));
  const value = (key: string) => (figures[key] as { value: number }).value;
  const energy: SiteFacts["energy"] = {
    period: String(m.year),
    annualDemandMWh: value("edcMWh"),
    ...(value("eitMWh") > 0 ? { itEnergyMWh: value("eitMWh") } : {}),
    waterInputM3: value("winM3"),
    potableWaterM3: value("winPotM3"),
    reusedHeatMWh: value("ereuseMWh"),
    supply: supplies.map(({ supply, figure }, i) => {
      // The year's Guarantees of Origin, where the metering entry names them, replace the site file's.
      const year = m.guarantees.find((g) => g.supply === i);
      const goo = year ? { cancelled: year.cancelled, registry: year.registry, certificates: year.certificates } : supply.goo;
      return { ...supply, annualMWh: figure.value, ...(goo ? { goo } : {}) };
    }),
  };
  return { source: "metering", figures, ...(energy.annualDemandMWh > 0 ? { energy } : {}), supplyTraces: supplies.map((s) => s.figure.trace) };
}

function fromInventory(entry: SiteEntry): PeriodEnergy {
  const e = entry.site.energy;
  const figures: Record<string, Figure> = {};
  for (const key of Object.keys(METERED_FIELDS)) {
    const declared = DECLARED[key];
    const value = declared === undefined ? undefined : (e[declared] as number | undefined);
    figures[key] =
      value === undefined
        ? { value: null, missing: `not in the site file's energy section; a metering file (reporting.metering) gives it` }
        : { value, trace: inventoryTrace(entry.locate, ["energy", declared!]) };
  }
  const supplyTraces = e.supply.map((_, i) => inventoryTrace(entry.locate, ["energy", "supply", i, "annualMWh"]));
  return { source: "inventory", figures, energy: JSON.parse(JSON.stringify(e)) as SiteFacts["energy"], supplyTraces };
}

/** Sums of decimal figures, without binary noise (0.1 + 0.2). */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
