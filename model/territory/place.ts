/**
 * The territory function: where a place (a country code and an optional ISO 3166-2 subdivision)
 * stands: inside the EU, inside the EEA only, outside both, or nowhere (an invalid code). The one
 * home of the question: the loader (a located error for an invalid code), the site rules
 * (`eu-jurisdiction`, `data-residency`), the preflight gate, the audit and the policy pack all ask
 * it, for sites, storage replicas, backups and the operator alike. Pure; the tables are in
 * `territories.ts`, the ISO codes in `iso-3166.ts`.
 */
import type { POLICY_MODES } from "../../inventory/schema/fleet";
import { ISO_3166_1, ISO_3166_2 } from "./iso-3166";
import {
  EEA_ONLY_STATES,
  EU_MEMBER_STATES,
  REVIEW_WITHOUT_SUBDIVISION,
  TERRITORIES_BY_COUNTRY,
  TERRITORIES_BY_SUBDIVISION,
  type Area,
  type Territory,
} from "./territories";

/** The jurisdiction boundary: the European Union, or the European Economic Area. */
export type Mode = (typeof POLICY_MODES)[number];

/** A place and what it is. */
export interface Placement {
  /** `invalid`: a code that is not ISO 3166 (or a subdivision of another state); never inside. */
  readonly area: Area | "invalid";
  /** The field that decided: the country code, or the subdivision. */
  readonly basis: "country" | "subdivision";
  /** Completes "… should be inside EU jurisdiction; <evidence>". */
  readonly evidence: string;
  /** For a place inside that needs a human's review: why (an advisory finding, not a refusal). */
  readonly review?: string;
}

/** Codes ISO 3166-1 has reserved exceptionally, and `EL`, the EU's code for Greece, that places may use. */
const RESERVED_COUNTRIES: ReadonlySet<string> = new Set(["EL", "IC", "EA"]);
const COUNTRIES: ReadonlySet<string> = new Set([...ISO_3166_1.split(" "), ...RESERVED_COUNTRIES]);
const SUBDIVISIONS: ReadonlySet<string> = new Set(Object.entries(ISO_3166_2).flatMap(([c, codes]) => codes.split(" ").map((s) => `${c}-${s}`)));

/** `EL` is the EU's code for Greece; ISO writes `GR`. */
export function normaliseCountry(country: string): string {
  return country === "EL" ? "GR" : country;
}

/** Whether `code` is an ISO 3166-1 alpha-2 code (or `EL`, `IC`, `EA`). */
export function isCountryCode(code: string): boolean {
  return COUNTRIES.has(code);
}

/** Whether `code` is an ISO 3166-2 subdivision code. */
export function isSubdivisionCode(code: string): boolean {
  return SUBDIVISIONS.has(code);
}

/**
 * Where a place stands. An invalid code decides first (never inside); then a subdivision that is
 * a territory of its own standing, or lies in one (`GL-SM` lies in Greenland, whatever country it
 * is written under); then a territory with a code of its own; then the state.
 */
export function classify(country: string, subdivision?: string): Placement {
  const code = normaliseCountry(country);
  if (!isCountryCode(country)) return { area: "invalid", basis: "country", evidence: `country ${country} is not an ISO 3166-1 alpha-2 code` };
  if (subdivision !== undefined) {
    const decided = bySubdivision(country, code, subdivision);
    if (decided) return decided;
  }
  const own = TERRITORIES_BY_COUNTRY.get(code);
  if (own) return { area: own.area, basis: "country", evidence: `${code} (${own.name}, ${own.state}) ${own.status}` };
  const review = subdivision === undefined ? REVIEW_WITHOUT_SUBDIVISION.get(code) : undefined;
  const reviewed = review !== undefined ? { review: `country ${country} ${review}` } : {};
  if (EU_MEMBER_STATES.has(code)) return { area: "eu", basis: "country", evidence: `country ${country} is an EU member state`, ...reviewed };
  if (EEA_ONLY_STATES.has(code)) return { area: "eea", basis: "country", evidence: `country ${country} is EEA but not EU` };
  return { area: "outside", basis: "country", evidence: `country ${country} is neither EU nor EEA` };
}

/** The placement a subdivision decides, or undefined when its state decides. */
function bySubdivision(country: string, code: string, subdivision: string): Placement | undefined {
  const invalid = (evidence: string): Placement => ({ area: "invalid", basis: "subdivision", evidence });
  if (!isSubdivisionCode(subdivision)) return invalid(`subdivision ${subdivision} is not an ISO 3166-2 code`);
  const prefix = subdivision.slice(0, 2);
  // A subdivision of the state's own territory (GL-SM under DK), or of the state (FR-971 under GP), is the same place.
  const related = prefix === code || TERRITORIES_BY_COUNTRY.get(prefix)?.state === code || TERRITORIES_BY_COUNTRY.get(code)?.state === prefix;
  if (!related) return invalid(`subdivision ${subdivision} is not in country ${country}`);
  const sub = TERRITORIES_BY_SUBDIVISION.get(subdivision);
  if (sub) return territory(`subdivision ${subdivision} (${sub.name}, ${sub.state})`, sub);
  const within = prefix !== code ? TERRITORIES_BY_COUNTRY.get(prefix) : undefined;
  if (within) return territory(`subdivision ${subdivision} is in ${prefix} (${within.name}, ${within.state}), which`, within);
  return undefined;
}

function territory(named: string, t: Territory): Placement {
  return { area: t.area, basis: "subdivision", evidence: `${named} ${t.status}`, ...(t.review !== undefined ? { review: `${named} ${t.review}` } : {}) };
}

/** Whether a place is inside the boundary of `mode`. */
export function inside(place: Placement, mode: Mode): boolean {
  return place.area === "eu" || (mode === "eea" && place.area === "eea");
}

/** `EU` or `EEA`, for messages. */
export function boundaryName(mode: Mode): string {
  return mode === "eu" ? "EU" : "EEA";
}

/**
 * What the loader reports about a place: the field and message of an invalid code, or undefined.
 * A valid code outside the boundary is not the loader's business but the policies'.
 */
export function placeProblem(country: string, subdivision?: string): { readonly field: "country" | "subdivision"; readonly message: string } | undefined {
  const place = classify(country, subdivision);
  return place.area === "invalid" ? { field: place.basis, message: place.evidence } : undefined;
}
