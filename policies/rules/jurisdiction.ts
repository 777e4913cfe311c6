/**
 * Classifies a place (country and optional subdivision) as inside the EU, inside the EEA only, or
 * outside both, and words the evidence for messages. Pure; the table is in `territories.ts`.
 */
import { EEA_ONLY_STATES, EU_MEMBER_STATES, TERRITORIES_BY_COUNTRY, TERRITORIES_BY_SUBDIVISION, type Area } from "./territories";
import type { Mode } from "./types";

/** A place and what it is. */
export interface Placement {
  readonly area: Area;
  /** What decided: the country code, or a subdivision that is a territory of its own standing. */
  readonly basis: "country" | "subdivision";
  /** Completes "… should be inside EU jurisdiction; <evidence>". */
  readonly evidence: string;
}

/** `EL` is the EU's code for Greece; ISO writes `GR`. */
export function normaliseCountry(country: string): string {
  return country === "EL" ? "GR" : country;
}

/**
 * Where a place stands. A territory with a code of its own decides by itself; a subdivision that
 * is a territory decides over its member state; otherwise the state decides.
 */
export function classify(country: string, subdivision?: string): Placement {
  const code = normaliseCountry(country);
  const own = TERRITORIES_BY_COUNTRY.get(code);
  if (own) return { area: own.area, basis: "country", evidence: `${code} (${own.name}, ${own.state}) ${own.status}` };
  if (subdivision !== undefined) {
    const sub = TERRITORIES_BY_SUBDIVISION.get(subdivision);
    if (sub && sub.state === code) {
      return { area: sub.area, basis: "subdivision", evidence: `subdivision ${subdivision} (${sub.name}, ${sub.state}) ${sub.status}` };
    }
  }
  if (EU_MEMBER_STATES.has(code)) return { area: "eu", basis: "country", evidence: `country ${country} is an EU member state` };
  if (EEA_ONLY_STATES.has(code)) return { area: "eea", basis: "country", evidence: `country ${country} is EEA but not EU` };
  return { area: "outside", basis: "country", evidence: `country ${country} is neither EU nor EEA` };
}

/** Whether a place is inside the boundary of `mode`. */
export function inside(place: Placement, mode: Mode): boolean {
  return place.area === "eu" || (mode === "eea" && place.area === "eea");
}

/** `EU` or `EEA`, for messages. */
export function boundaryName(mode: Mode): string {
  return mode === "eu" ? "EU" : "EEA";
}
