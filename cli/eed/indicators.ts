/**
 * The renewable figures and the sustainability indicators of a site's period, each with its
 * formula and inputs, and the KPIs against the thresholds the fleet is judged by. The formulas are
 * those of `policies/rules/kpis.ts` and the renewable accounting of `policies/rules/renewable.ts`.
 */
import type { Fleet, SiteEntry } from "../../inventory/fleet";
import { KPI_FORMULAS, kpi, type SiteKpis } from "../../policies/rules/kpis";
import type { RuleSettings } from "../../policies/rules";
import type { Figure, PeriodEnergy } from "./period-energy";
import type { SupplyLine, Threshold } from "./report-schema";
import { describeTrace, inventoryTrace } from "./trace";

export type { SupplyLine, Threshold } from "./report-schema";

/** What `indicators` computes. */
export interface Indicators {
  readonly figures: Record<string, Figure>;
  readonly supplies: SupplyLine[];
  readonly thresholds: Threshold[];
}

const KINDS = [
  ["eresGooMWh", "goo", "ERES-GOO"],
  ["eresPpaMWh", "ppa", "ERES-PPA"],
  ["eresOsMWh", "onsite", "ERES-OS"],
] as const;

/** The renewable figures, PUE, WUE, ERF and REF of the period, and the thresholds. */
export function indicators(fleet: Fleet, entry: SiteEntry, period: PeriodEnergy, kpis: SiteKpis | undefined, settings: RuleSettings): Indicators {
  const edc = period.figures.edcMWh!;
  if (!kpis || edc.value === null) {
    const missing = edc.value === null ? `EDC is missing: ${edc.missing}` : "EDC is 0";
    const none: Figure = { value: null, missing };
    const figures = Object.fromEntries(["eresTotMWh", ...KINDS.map(([k]) => k), "pue", "wue", "erf", "ref"].map((k) => [k, none]));
    return { figures, supplies: [], thresholds: thresholds(null, null, settings) };
  }
  const supplies = supplyLines(entry, period, kpis);
  const figures: Record<string, Figure> = {};
  for (const [key, kind, symbol] of KINDS) {
    const counted = supplies.filter((s) => s.kind === kind);
    figures[key] = {
      value: kpis.kpis[key],
      trace: {
        kind: "formula",
        formula: `${symbol} = Σ counted energy of the ${kind} supplies`,
        inputs: Object.fromEntries(counted.map((s) => [`supply[${s.index}]`, s.countedMWh])),
      },
    };
  }
  const k = kpis.kpis;
  figures.eresTotMWh = {
    value: k.eresTotMWh,
    trace: {
      kind: "formula",
      formula: "ERES-TOT = ERES-GOO + ERES-PPA + ERES-OS, at most EDC",
      inputs: { "ERES-GOO": k.eresGooMWh, "ERES-PPA": k.eresPpaMWh, "ERES-OS": k.eresOsMWh, EDC: k.edcMWh },
    },
  };
  const f = period.figures;
  figures.pue = ratio("pue", f.edcMWh!, f.eitMWh!, ["EDC", "EIT"]);
  figures.wue = ratio("wue", f.winM3!, f.eitMWh!, ["WIN", "EIT"]);
  figures.erf = ratio("erf", f.ereuseMWh!, f.edcMWh!, ["EREUSE", "EDC"]);
  figures.ref = ratio("ref", figures.eresTotMWh, f.edcMWh!, ["ERES-TOT", "EDC"]);
  const value = (x: Figure) => x.value;
  return { figures, supplies, thresholds: thresholds(value(figures.pue) as number | null, value(figures.ref) as number | null, settings, fleet) };
}

/** A KPI from two figures, rounded as its formula says (one home: `KPI_FORMULAS`), traced to its inputs. */
function ratio(name: keyof typeof KPI_FORMULAS, num: Figure, den: Figure, names: readonly [string, string]): Figure {
  const formula = KPI_FORMULAS[name];
  const inputs = { [names[0]]: num.value, [names[1]]: den.value } as Record<string, number | null>;
  if (num.value === null || den.value === null) return { value: null, missing: `${formula.text}: ${num.value === null ? names[0] : names[1]} is missing` };
  if (den.value === 0) return { value: null, missing: `${formula.text}: ${names[1]} is 0` };
  return { value: kpi(name, num.value as number, den.value as number), trace: { kind: "formula", formula: formula.text, inputs } };
}

function supplyLines(entry: SiteEntry, period: PeriodEnergy, kpis: SiteKpis): SupplyLine[] {
  return kpis.evidence.map((e) => {
    const goo = (period.energy ?? entry.site.energy).supply[e.index]?.goo;
    return {
      index: e.index,
      kind: e.kind,
      technology: e.technology,
      deliveredMWh: e.annualMWh,
      countedMWh: e.countedMWh,
      ...(e.registry !== undefined ? { registry: e.registry } : {}),
      certificates: [...e.certificates],
      ...(goo ? { cancelled: goo.cancelled } : {}),
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
      trace: period.supplyTraces[e.index] ?? inventoryTrace(entry.locate, ["energy", "supply", e.index]),
    };
  });
}

function thresholds(pue: number | null, ref: number | null, settings: RuleSettings, fleet?: Fleet): Threshold[] {
  const where = (key: string) =>
    fleet
      ? `policy.${key} of ${describeTrace(inventoryTrace(fleet.locate, ["policy", key])).split(" ")[0]}, never laxer than the platform's default`
      : `policy.${key}`;
  return [
    {
      kpi: "PUE",
      value: pue,
      comparison: "≤",
      limit: settings.maxDesignPue,
      meets: pue === null ? null : pue <= settings.maxDesignPue,
      source: where("maxDesignPue"),
    },
    {
      kpi: "REF",
      value: ref,
      comparison: "≥",
      limit: settings.renewableThreshold,
      meets: ref === null ? null : ref >= settings.renewableThreshold,
      source: where("renewableThreshold"),
    },
  ];
}
