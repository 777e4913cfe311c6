/**
 * The fields of the EU data-centre report, the one list every format and the completeness check
 * read. Where each comes from in law:
 *
 * - Directive (EU) 2023/1791 (EED), Art. 12(1) and Annex VII: data centres with an installed IT
 *   power demand of at least 500 kW publish each year (a) the name of the data centre, the name
 *   of its owner and operators, the date it started operating and the municipality where it is;
 *   (b) its floor area, installed power, annual incoming and outgoing data traffic and the amount
 *   of data stored and processed; (c) its performance over the last full calendar year on energy
 *   consumption, power utilisation, temperature set points, waste heat utilisation, water usage
 *   and use of renewable energy (EN 50600-4 where it applies).
 * - Delegated Regulation (EU) 2024/1364, Art. 3(1): reported to the European database by 15 May
 *   for the calendar year before; Art. 2(1)–(3): enterprise, colocation and co-hosting data
 *   centres; Annex I: the information about the data centre (name; owner and operator with their
 *   contact details; location as a Eurostat LAU code; type; start of operation); Annex II: the
 *   KPIs, with their measurement: installed IT power demand PDIT; total floor area SDC; computer
 *   room floor area SCR; total energy consumption EDC (backup generation stated apart); IT energy
 *   EIT; IT intake air temperature set points; waste heat reused EREUSE and its average
 *   temperature; water input WIN and potable WIN-POT; renewable energy ERES-TOT = ERES-GOO +
 *   ERES-PPA + ERES-OS (counted only with Guarantees of Origin cancelled for the data centre);
 *   ICT capacity of the storage equipment; traffic bandwidth and data traffic in and out.
 *   Annex III: the sustainability indicators computed from them: PUE = EDC / EIT, WUE = WIN /
 *   EIT, ERF = EREUSE / EDC, REF = ERES-TOT / EDC (EN 50600-4-2, -4-9, -4-6, -4-3), whose
 *   formulas live in `policies/rules/kpis.ts`.
 *
 * Sources read through the project's `search` tool: the Regulation's Art. 1–2 (legalize.dev,
 * eurlexa.com copies of EUR-Lex 32024R1364), the PDIT definition (projectexigence.eu), the Annex
 * I/II list (a research note quoting EUR-Lex) and the EDC-BG/ERES metering rules (a Finnish
 * methodology guide). The full Annex text was not reachable here: the Annex II names of the
 * bandwidth and storage-capacity figures are as the Regulation is commonly summarised; check them
 * against EUR-Lex before relying on them.
 */

/** Where a field sits in the report. */
export type FieldSection = "identity" | "size" | "performance" | "indicators";

/** One field of the report. */
export interface FieldSpec {
  readonly key: string;
  /** As the report shows it, with the Regulation's symbol where it has one. */
  readonly label: string;
  readonly unit: string;
  readonly section: FieldSection;
  /** The provisions that ask for it. */
  readonly legal: string;
  /** Whether the report is incomplete without it. */
  readonly mandatory: boolean;
}

const VII = "Directive (EU) 2023/1791 Annex VII";
const DR = "Delegated Regulation (EU) 2024/1364";

const f = (key: string, label: string, unit: string, section: FieldSection, legal: string, mandatory = true): FieldSpec => ({
  key,
  label,
  unit,
  section,
  legal,
  mandatory,
});

/** Every field, in the order the report lists them. */
export const EED_FIELDS: readonly FieldSpec[] = [
  f("name", "name of the data centre", "", "identity", `${VII}(a); ${DR} Annex I`),
  f("owner", "owner", "", "identity", `${VII}(a); ${DR} Annex I`),
  f("ownerContact", "owner's contact", "", "identity", `${DR} Annex I`),
  f("operator", "operator", "", "identity", `${VII}(a); ${DR} Annex I`),
  f("operatorContact", "operator's contact", "", "identity", `${DR} Annex I`),
  f("operationsStarted", "start of operation", "", "identity", `${VII}(a); ${DR} Annex I`),
  f("country", "Member State", "", "identity", `${DR} Annex I`),
  f("municipality", "municipality", "", "identity", `${VII}(a)`),
  f("lauCode", "location (LAU code)", "", "identity", `${DR} Annex I`),
  f("type", "type (enterprise, colocation, co-hosting)", "", "identity", `${DR} Art. 2(1)–(3), Annex I`),
  f("installedItPowerKW", "installed IT power demand (PDIT)", "kW", "size", `${VII}(b); ${DR} Art. 2, Annex II`),
  f("totalFloorAreaM2", "total floor area (SDC)", "m²", "size", `${VII}(b); ${DR} Annex II`),
  f("computerRoomFloorAreaM2", "computer room floor area (SCR)", "m²", "size", `${DR} Annex II`),
  f("storageCapacityTB", "ICT capacity of the storage equipment", "TB", "size", `${DR} Annex II`),
  f("incomingBandwidthGbps", "incoming traffic bandwidth", "Gbit/s", "size", `${DR} Annex II`),
  f("outgoingBandwidthGbps", "outgoing traffic bandwidth", "Gbit/s", "size", `${DR} Annex II`),
  f("trafficInTB", "incoming data traffic", "TB", "size", `${VII}(b); ${DR} Annex II`),
  f("trafficOutTB", "outgoing data traffic", "TB", "size", `${VII}(b); ${DR} Annex II`),
  f("dataStoredTB", "data stored (end of the year)", "TB", "size", `${VII}(b)`),
  f("dataProcessedTB", "data processed", "TB", "size", `${VII}(b)`),
  f("edcMWh", "total energy consumption (EDC)", "MWh", "performance", `${VII}(c); ${DR} Annex II`),
  f("eitMWh", "IT equipment energy consumption (EIT)", "MWh", "performance", `${VII}(c); ${DR} Annex II`),
  f("backupGeneratorMWh", "of which from backup generators", "MWh", "performance", `${DR} Annex II`),
  f("itIntakeAirMinC", "IT intake air set point, lowest", "°C", "performance", `${VII}(c); ${DR} Annex II`),
  f("itIntakeAirMaxC", "IT intake air set point, highest", "°C", "performance", `${VII}(c); ${DR} Annex II`),
  f("ereuseMWh", "waste heat reused (EREUSE)", "MWh", "performance", `${VII}(c); ${DR} Annex II`),
  f("wasteHeatTemperatureC", "average waste heat temperature", "°C", "performance", `${DR} Annex II`),
  f("winM3", "water input (WIN)", "m³", "performance", `${VII}(c); ${DR} Annex II`),
  f("winPotM3", "potable water input (WIN-POT)", "m³", "performance", `${DR} Annex II`),
  f("eresTotMWh", "renewable energy (ERES-TOT)", "MWh", "performance", `${VII}(c); ${DR} Annex II`),
  f("eresGooMWh", "renewable energy with Guarantees of Origin (ERES-GOO)", "MWh", "performance", `${DR} Annex II`),
  f("eresPpaMWh", "renewable energy from PPAs (ERES-PPA)", "MWh", "performance", `${DR} Annex II`),
  f("eresOsMWh", "renewable energy generated on site (ERES-OS)", "MWh", "performance", `${DR} Annex II`),
  f("pue", "power usage effectiveness (PUE = EDC / EIT)", "", "indicators", `${DR} Annex III; EN 50600-4-2`),
  f("wue", "water usage effectiveness (WUE = WIN / EIT)", "L/kWh", "indicators", `${DR} Annex III; EN 50600-4-9`),
  f("erf", "energy reuse factor (ERF = EREUSE / EDC)", "", "indicators", `${DR} Annex III; EN 50600-4-6`),
  f("ref", "renewable energy factor (REF = ERES-TOT / EDC)", "", "indicators", `${DR} Annex III; EN 50600-4-3`),
];

/** A field key. */
export type FieldKey = (typeof EED_FIELDS)[number]["key"];

/** The field of `key`. */
export function field(key: string): FieldSpec {
  const spec = EED_FIELDS.find((s) => s.key === key);
  if (!spec) throw new Error(`no EED field ${key}`);
  return spec;
}

/** The reporting deadline: 15 May of the year after the period (Delegated Regulation (EU) 2024/1364 Art. 3(1)). */
export function dueDate(year: number): string {
  return `${year + 1}-05-15`;
}

/** The reporting period: the calendar year. */
export function reportingPeriod(year: number): { readonly year: number; readonly from: string; readonly to: string } {
  return { year, from: `${year}-01-01`, to: `${year}-12-31` };
}
