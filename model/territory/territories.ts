/**
 * Which places are inside the European Union and the European Economic Area.
 *
 * A list of member-state codes is not enough: several territories have ISO 3166-1 codes of their
 * own (and ISO 3166-2 codes under their member state), and some of them are part of the Union
 * while others are not. Each entry below names its source.
 *
 * Sources:
 * - TEU Art. 52 and TFEU Art. 355: the territorial scope of the Treaties.
 * - TFEU Art. 349 and 355(1): the outermost regions (Guadeloupe, French Guiana, Martinique,
 *   Mayotte, Réunion, Saint-Martin, the Azores, Madeira, the Canary Islands) are part of the Union.
 * - TFEU Art. 355(2) and Annex II: the overseas countries and territories (OCTs) are associated
 *   with the Union but are not part of it.
 * - TFEU Art. 355(4) and Protocol No 2 of the 1994 Act of Accession: the Treaties apply to the
 *   Åland Islands.
 * - TFEU Art. 355(5)(a): the Treaties do not apply to the Faroe Islands.
 * - European Council Decision 2010/718/EU: Saint-Barthélemy became an OCT on 1 January 2012.
 * - European Council Decision 2012/419/EU: Mayotte became an outermost region on 1 January 2014.
 * - 1985 Act of Accession of Spain and Portugal, Protocol No 2: Ceuta and Melilla are part of the
 *   Union (outside its customs territory, which does not change where the hardware stands).
 * - EEA Agreement Art. 126: the Agreement applies to the territories to which the EU Treaties apply
 *   and to Iceland, Liechtenstein and Norway; Protocol 40: it does not apply to Svalbard.
 * - Protocol No 10 on Cyprus to the 2003 Act of Accession, Art. 1: the application of the acquis
 *   is suspended in the areas of the Republic of Cyprus in which its Government does not exercise
 *   effective control. Of the ISO 3166-2 districts, Keryneia (CY-06) lies wholly in those areas,
 *   Lefkosia (CY-01) and Ammochostos (CY-04) partly; a place in Cyprus without a district, or in
 *   one of those two, is accepted for review, not refused.
 * - ISO 3166-1 and ISO 3166-2 for the codes (checked against the list in `iso-3166.ts`); `EL` is
 *   the EU's code for Greece (Interinstitutional Style Guide), `IC` and `EA` are ISO's
 *   exceptionally reserved codes for the Canary Islands and for Ceuta and Melilla.
 */

/** The 27 member states, ISO 3166-1 alpha-2 (Greece as `GR`; `EL` is mapped to it). */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);

/** EEA states that are not in the Union. */
export const EEA_ONLY_STATES: ReadonlySet<string> = new Set(["IS", "LI", "NO"]);

/** Where a territory stands: inside the Union, inside the EEA only, or outside both. */
export type Area = "eu" | "eea" | "outside";

/** A territory whose status differs from, or needs stating beside, its state's. */
export interface Territory {
  readonly name: string;
  /** The member state or EEA state it belongs to. */
  readonly state: string;
  readonly area: Area;
  /** Why, with the source: completes "GL (Greenland, DK) …". */
  readonly status: string;
  /**
   * For a place inside whose status cannot be decided from its code alone: why it needs review
   * (an advisory finding), completing "… (Lefkosia, CY) ".
   */
  readonly review?: string;
}

/** Protocol No 10 to the 2003 Act of Accession: where EU law is suspended in Cyprus. */
const SUSPENDED = "the areas where the application of EU law is suspended (Protocol No 10 to the 2003 Act of Accession, Art. 1)";

const OUTERMOST = "is an outermost region, part of the EU (TFEU Art. 349, 355(1))";
const OCT = "is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)";

const outermost = (name: string, state: string): Territory => ({ name, state, area: "eu", status: OUTERMOST });
const oct = (name: string, state: string): Territory => ({ name, state, area: "outside", status: OCT });

/** Territories with an ISO 3166-1 alpha-2 code of their own (or an exceptionally reserved one). */
export const TERRITORIES_BY_COUNTRY: ReadonlyMap<string, Territory> = new Map([
  ["GP", outermost("Guadeloupe", "FR")],
  ["GF", outermost("French Guiana", "FR")],
  ["MQ", outermost("Martinique", "FR")],
  ["RE", outermost("Réunion", "FR")],
  ["YT", outermost("Mayotte", "FR")],
  ["MF", outermost("Saint-Martin", "FR")],
  ["IC", outermost("Canary Islands", "ES")],
  ["EA", { name: "Ceuta and Melilla", state: "ES", area: "eu", status: "is part of the EU (1985 Act of Accession, Protocol No 2)" }],
  ["AX", { name: "Åland Islands", state: "FI", area: "eu", status: "is part of the EU (TFEU Art. 355(4))" }],
  ["GL", oct("Greenland", "DK")],
  ["NC", oct("New Caledonia", "FR")],
  ["PF", oct("French Polynesia", "FR")],
  ["TF", oct("French Southern and Antarctic Lands", "FR")],
  ["WF", oct("Wallis and Futuna", "FR")],
  ["PM", oct("Saint-Pierre-et-Miquelon", "FR")],
  ["BL", oct("Saint-Barthélemy", "FR")],
  ["AW", oct("Aruba", "NL")],
  ["CW", oct("Curaçao", "NL")],
  ["SX", oct("Sint Maarten", "NL")],
  ["BQ", oct("Bonaire, Sint Eustatius and Saba", "NL")],
  ["FO", { name: "Faroe Islands", state: "DK", area: "outside", status: "is outside the EU and the EEA (TFEU Art. 355(5)(a))" }],
  ["SJ", { name: "Svalbard and Jan Mayen", state: "NO", area: "outside", status: "is outside the EEA (EEA Agreement, Protocol 40)" }],
]);

/** The same territories (and those without a code of their own) by ISO 3166-2 subdivision. */
export const TERRITORIES_BY_SUBDIVISION: ReadonlyMap<string, Territory> = new Map([
  ["FR-971", TERRITORIES_BY_COUNTRY.get("GP")!],
  ["FR-972", TERRITORIES_BY_COUNTRY.get("MQ")!],
  ["FR-973", TERRITORIES_BY_COUNTRY.get("GF")!],
  ["FR-974", TERRITORIES_BY_COUNTRY.get("RE")!],
  ["FR-976", TERRITORIES_BY_COUNTRY.get("YT")!],
  ["FR-MF", TERRITORIES_BY_COUNTRY.get("MF")!],
  ["FR-NC", TERRITORIES_BY_COUNTRY.get("NC")!],
  ["FR-PF", TERRITORIES_BY_COUNTRY.get("PF")!],
  ["FR-TF", TERRITORIES_BY_COUNTRY.get("TF")!],
  ["FR-WF", TERRITORIES_BY_COUNTRY.get("WF")!],
  ["FR-PM", TERRITORIES_BY_COUNTRY.get("PM")!],
  ["FR-BL", TERRITORIES_BY_COUNTRY.get("BL")!],
  ["NL-AW", TERRITORIES_BY_COUNTRY.get("AW")!],
  ["NL-CW", TERRITORIES_BY_COUNTRY.get("CW")!],
  ["NL-SX", TERRITORIES_BY_COUNTRY.get("SX")!],
  ["NL-BQ1", TERRITORIES_BY_COUNTRY.get("BQ")!],
  ["NL-BQ2", TERRITORIES_BY_COUNTRY.get("BQ")!],
  ["NL-BQ3", TERRITORIES_BY_COUNTRY.get("BQ")!],
  ["PT-20", outermost("Azores", "PT")],
  ["PT-30", outermost("Madeira", "PT")],
  ["ES-CN", outermost("Canary Islands", "ES")],
  ["ES-CE", { name: "Ceuta", state: "ES", area: "eu", status: "is part of the EU (1985 Act of Accession, Protocol No 2)" }],
  ["ES-ML", { name: "Melilla", state: "ES", area: "eu", status: "is part of the EU (1985 Act of Accession, Protocol No 2)" }],
  ["FI-01", TERRITORIES_BY_COUNTRY.get("AX")!],
  ["NO-21", { name: "Svalbard", state: "NO", area: "outside", status: "is outside the EEA (EEA Agreement, Protocol 40)" }],
  ["NO-22", { name: "Jan Mayen", state: "NO", area: "outside", status: "is outside the EEA (EEA Agreement, Protocol 40)" }],
  ["CY-06", { name: "Keryneia", state: "CY", area: "outside", status: `lies wholly in ${SUSPENDED}` }],
  ["CY-01", { name: "Lefkosia", state: "CY", area: "eu", status: "is part of the EU", review: `lies partly in ${SUSPENDED}` }],
  ["CY-04", { name: "Ammochostos", state: "CY", area: "eu", status: "is part of the EU", review: `lies partly in ${SUSPENDED}` }],
]);

/** Member states part of whose territory is reviewed when no subdivision narrows the place down. */
export const REVIEW_WITHOUT_SUBDIVISION: ReadonlyMap<string, string> = new Map([["CY", `has ${SUSPENDED.replace(/^the areas/, "areas")}; name the district`]]);
