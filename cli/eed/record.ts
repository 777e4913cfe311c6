/**
 * The EU data-centre report of a fleet for one calendar year: per site whether it must report
 * (installed IT power demand ≥ 500 kW, EED Art. 12(1)) and why, and for a site that must, every
 * field of `fields.ts` with its value and where it came from, the fields that are missing, and the
 * KPIs against the thresholds applied. Pure: the loaded fleet in, plain data out.
 */
import { rackTotals } from "../../inventory/expand";
import type { ExpandedSite, Fleet, SiteEntry } from "../../inventory/fleet";
import { installedItPowerKW, itPowerTerms } from "../../model/installed-it-power";
import { siteFacts } from "../../policies/facts";
import { siteKpis } from "../../policies/rules/kpis";
import type { RuleSettings } from "../../policies/rules";
import { fleetSettings } from "../../policies/violation";
import { dueDate, EED_FIELDS, reportingPeriod } from "./fields";
import { indicators } from "./indicators";
import { periodEnergy, type Figure } from "./period-energy";
import type { EedReport, ReportedValue, SiteRecord } from "./report-schema";
import { inventoryTrace } from "./trace";

export type { EedReport, MissingField, ReportedValue, SiteRecord } from "./report-schema";

/** Builds the report of `fleet` for `year`; `only` keeps one site. */
export function eedReport(fleet: Fleet, expanded: readonly ExpandedSite[], year: number, only?: string): EedReport {
  const settings = fleetSettings(fleet);
  const byId = new Map(expanded.map((e) => [e.site.id, e]));
  const sites = fleet.sites.filter((e) => only === undefined || e.site.id === only).map((e) => siteRecord(fleet, e, byId.get(e.site.id)!, settings, year));
  return {
    fleet: fleet.name,
    period: reportingPeriod(year),
    dueDate: dueDate(year),
    reportingThresholdKW: settings.reportingThresholdKW,
    complete: sites.every((s) => s.missing.length === 0),
    sites,
  };
}

/** The installed IT power demand of a site with its formula and inputs. */
function installedPower(entry: SiteEntry, expanded: ExpandedSite): SiteRecord["installedItPower"] {
  const terms = itPowerTerms(rackTotals(expanded.racks).itPowerKW, entry.site);
  return {
    kw: installedItPowerKW(terms),
    trace: {
      kind: "formula",
      formula: "PDIT = Σ racks of the ledger (nodes × blueprint powerKW + overheadKW) + Σ storage[i].powerKW + reporting.networkPowerKW",
      inputs: { racks: terms.racksKW, storage: terms.storageKW, network: terms.networkKW },
    },
  };
}

/** Why a site reports for `year`, or why not. */
function obligation(entry: SiteEntry, kw: number, settings: RuleSettings, year: number): { mustReport: boolean; reason: string } {
  const started = entry.site.reporting?.operationsStarted;
  if (kw < settings.reportingThresholdKW)
    return { mustReport: false, reason: `installed IT power demand ${kw} kW is under ${settings.reportingThresholdKW} kW` };
  if (started !== undefined && Number(started.slice(0, 4)) > year)
    return { mustReport: false, reason: `started operation on ${started}, after the reporting period ${year}` };
  return { mustReport: true, reason: `installed IT power demand ${kw} kW is at least ${settings.reportingThresholdKW} kW` };
}

function siteRecord(fleet: Fleet, entry: SiteEntry, expanded: ExpandedSite, settings: RuleSettings, year: number): SiteRecord {
  const power = installedPower(entry, expanded);
  const { mustReport, reason } = obligation(entry, power.kw, settings, year);
  const base = { site: entry.site.id, file: entry.file, mustReport, reason, installedItPower: power };
  if (!mustReport) return { ...base, energySource: "none", values: [], missing: [], supplies: [], thresholds: [] };
  const period = periodEnergy(entry, year);
  const facts = siteFacts(fleet, expanded);
  const kpis = period.energy ? siteKpis({ ...facts, energy: period.energy }, settings) : undefined;
  const computed = indicators(fleet, entry, period, kpis, settings);
  const figures: Record<string, Figure> = {
    ...declaredFigures(fleet, entry),
    ...period.figures,
    ...computed.figures,
    installedItPowerKW: { value: power.kw, trace: power.trace },
  };
  const values = EED_FIELDS.map((spec): ReportedValue => {
    const f = figures[spec.key] ?? { value: null, missing: "not computed" };
    const shown = { key: spec.key, label: spec.label, unit: spec.unit };
    return f.value === null ? { ...shown, value: null, missing: f.missing } : { ...shown, value: f.value, trace: f.trace };
  });
  const missing = values
    .filter((v) => v.value === null && EED_FIELDS.find((s) => s.key === v.key)!.mandatory)
    .map((v) => ({ key: v.key, label: v.label, reason: v.missing! }));
  return { ...base, energySource: period.source, values, missing, supplies: computed.supplies, thresholds: computed.thresholds };
}

/** The figures the inventory declares: identity, areas, set points, bandwidth, storage capacity. */
function declaredFigures(fleet: Fleet, entry: SiteEntry): Record<string, Figure> {
  const { site, locate } = entry;
  const r = site.reporting;
  const at = (path: (string | number)[], value: string | number | undefined): Figure =>
    value === undefined ? { value: null, missing: `${path.join(".")} is not in ${entry.file}` } : { value, trace: inventoryTrace(locate, path) };
  const operatorName: Figure =
    r?.operator?.name !== undefined
      ? at(["reporting", "operator", "name"], r.operator.name)
      : { value: fleet.operator.name, trace: inventoryTrace(fleet.locate, ["operator", "name"]) };
  return {
    name: at(["name"], site.name),
    owner: at(["reporting", "owner", "name"], r?.owner?.name),
    ownerContact: at(["reporting", "owner", "contact"], r?.owner?.contact),
    operator: operatorName,
    operatorContact: at(["reporting", "operator", "contact"], r?.operator?.contact),
    operationsStarted: at(["reporting", "operationsStarted"], r?.operationsStarted),
    country: at(["country"], site.country),
    municipality: at(["reporting", "municipality"], r?.municipality),
    lauCode: at(["reporting", "lauCode"], r?.lauCode),
    type: at(["reporting", "type"], r?.type),
    totalFloorAreaM2: at(["reporting", "floorArea", "totalM2"], r?.floorArea?.totalM2),
    computerRoomFloorAreaM2: at(["reporting", "floorArea", "computerRoomM2"], r?.floorArea?.computerRoomM2),
    incomingBandwidthGbps: at(["reporting", "bandwidth", "incomingGbps"], r?.bandwidth?.incomingGbps),
    outgoingBandwidthGbps: at(["reporting", "bandwidth", "outgoingGbps"], r?.bandwidth?.outgoingGbps),
    itIntakeAirMinC: at(["reporting", "temperatureSetPoints", "itIntakeAirMinC"], r?.temperatureSetPoints?.itIntakeAirMinC),
    itIntakeAirMaxC: at(["reporting", "temperatureSetPoints", "itIntakeAirMaxC"], r?.temperatureSetPoints?.itIntakeAirMaxC),
    wasteHeatTemperatureC: at(["reporting", "wasteHeatTemperatureC"], r?.wasteHeatTemperatureC),
    storageCapacityTB: storageCapacity(entry),
  };
}

/** The ICT capacity of the storage equipment: the usable capacity of every tier of every storage system. */
function storageCapacity(entry: SiteEntry): Figure {
  const tiers = entry.site.storage.flatMap((s) => s.tiers.map((t) => [`${s.id}/${t.name}`, t.capacityTB] as const));
  if (tiers.length === 0) return { value: null, missing: `the site has no storage systems (storage) in ${entry.file}` };
  return {
    value: tiers.reduce((a, [, tb]) => a + tb, 0),
    trace: { kind: "formula", formula: "Σ storage[i].tiers[j].capacityTB", inputs: Object.fromEntries(tiers) },
  };
}
