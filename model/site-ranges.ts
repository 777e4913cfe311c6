/**
 * A site's address ranges: the one list of them, with what each is for and where the inventory
 * writes it. The loader checks them (malformed, overlapping), the site facts carry them, the
 * `out-of-band-isolation` rule and the out-of-band network compare the out-of-band range with
 * every other one.
 */

import type { Site } from "../inventory/schema/site";

/** What a range of a site is for. */
export type RangeKind = "outOfBand" | "inBand" | "compute" | "storage" | "underlay" | "tenant" | "public";

/** A site's ranges, as the site facts carry them (CIDR text, not yet parsed). */
export interface SiteRangeSet {
  readonly outOfBand: string;
  readonly inBand: string;
  readonly storage: string;
  readonly compute: string;
  /** The routed underlay's point-to-point links of an Ethernet compute fabric. @default undefined */
  readonly underlay?: string;
  readonly tenantRanges: string[];
  readonly publicRanges: string[];
}

/** One range of a site. */
export interface SiteRange {
  readonly kind: RangeKind;
  /** Its name among the site's ranges: `inBand`, `underlay`, `tenantRanges[0]`. */
  readonly name: string;
  /** What it is, for messages: `in-band management range`. */
  readonly what: string;
  /** Where the inventory writes it: `network.compute.underlayCidr`. */
  readonly path: readonly (string | number)[];
  readonly cidr: string;
}

/** Every address range of a site, in the inventory's order. */
export function siteRangeList(ranges: SiteRangeSet): SiteRange[] {
  const one = (kind: RangeKind, what: string, path: readonly string[], cidr: string): SiteRange => ({
    kind,
    name: kind,
    what,
    path: ["network", ...path],
    cidr,
  });
  return [
    one("outOfBand", "out-of-band management range", ["outOfBand", "cidr"], ranges.outOfBand),
    one("inBand", "in-band management range", ["inBand", "cidr"], ranges.inBand),
    one("compute", "compute fabric", ["compute", "cidr"], ranges.compute),
    one("storage", "storage fabric", ["storage", "cidr"], ranges.storage),
    ...(ranges.underlay !== undefined ? [one("underlay", "compute fabric's underlay", ["compute", "underlayCidr"], ranges.underlay)] : []),
    ...ranges.tenantRanges.map((cidr, i): SiteRange => ({
      kind: "tenant",
      name: `tenantRanges[${i}]`,
      what: "tenant range",
      path: ["network", "tenantRanges", i],
      cidr,
    })),
    ...ranges.publicRanges.map((cidr, i): SiteRange => ({
      kind: "public",
      name: `publicRanges[${i}]`,
      what: "public range",
      path: ["network", "publicRanges", i],
      cidr,
    })),
  ];
}

/** The inventory's network section as the site's address ranges (see `siteRangeList`). */
export function siteRangeSet(network: Site["network"]): SiteRangeSet {
  return {
    outOfBand: network.outOfBand.cidr,
    inBand: network.inBand.cidr,
    storage: network.storage.cidr,
    compute: network.compute.cidr,
    ...(network.compute.underlayCidr !== undefined ? { underlay: network.compute.underlayCidr } : {}),
    tenantRanges: [...network.tenantRanges],
    publicRanges: [...network.publicRanges],
  };
}
