/**
 * The routed underlay of an Ethernet fabric: a /31 per switch-to-switch link, an optional /32
 * loopback per switch, and BGP ASNs from the private 4-byte range.
 *
 * ASNs follow RFC 7938 §5.2: every leaf has its own ASN; the spines of one spine group share one
 * (in a 2-tier build all spines are one group); all cores share one. Shared ASNs above the leaves
 * let BGP's AS-path loop check stop leaf → spine → leaf → spine valleys without extra policy.
 * Numbering: leaf i (1-based, fabric order) = base + i; spine group g = base + leaves + g;
 * cores = base + leaves + groups + 1. Leaves come first so adding SUs keeps existing leaf ASNs.
 */
import { formatAddress, overlaps, parseCidr, size, type Ipv4Network } from "../ipv4";
import { fail } from "./options";
import type { EthernetAddressing } from "./types";

/** First private 4-byte ASN (RFC 6996). */
export const PRIVATE_ASN_FIRST = 4_200_000_000;
/** Last private 4-byte ASN (RFC 6996). */
export const PRIVATE_ASN_LAST = 4_294_967_294;

const LAST_OCTET_31 = Array.from({ length: 256 }, (_, i) => `${i}/31`);

/** A checked underlay plan for a fabric with the given counts. */
export interface Underlay {
  /** `a.b.c.d/31` of the upper (even) and lower (odd) end of link `index`. */
  readonly upper: (index: number) => string;
  readonly lower: (index: number) => string;
  /** `a.b.c.d/32` of switch `index` (fabric order), or undefined without a loopback range. */
  readonly loopback: (index: number) => string | undefined;
  /** ASN of leaf `leaf` (0-based fabric order). */
  readonly leafAsn: (leaf: number) => number;
  /** ASN shared by the spines of spine group `group` (0-based). */
  readonly spineAsn: (group: number) => number;
  readonly coreAsn: number;
  readonly leafVrfs?: readonly string[];
}

function parseRange(name: string, field: string, cidr: unknown): Ipv4Network {
  if (typeof cidr !== "string") fail(name, `${field} should be an IPv4 CIDR string; got ${String(cidr)}`);
  try {
    return parseCidr(cidr);
  } catch (e) {
    return fail(name, `${field} ${(e as Error).message}`);
  }
}

/**
 * Checks the addressing against what the fabric needs (`links` /31s, `switches` loopbacks,
 * `leaves` + `spineGroups` + 1 ASNs) and returns the allocators.
 */
export function planUnderlay(
  name: string,
  addressing: EthernetAddressing | undefined,
  counts: { readonly links: number; readonly switches: number; readonly leaves: number; readonly spineGroups: number },
): Underlay {
  if (addressing === undefined) fail(name, "is Ethernet and needs addressing with a p2pCidr for its /31 links");
  const p2p = parseRange(name, "p2pCidr", addressing.p2pCidr);
  if (p2p.prefix > 31) fail(name, `p2pCidr ${addressing.p2pCidr} is too small to hold a /31`);
  const links = size(p2p) / 2;
  if (counts.links > links) fail(name, `p2pCidr ${addressing.p2pCidr} holds ${links} /31 links but the fabric has ${counts.links}`);
  let loopback: (index: number) => string | undefined = () => undefined;
  if (addressing.loopbackCidr !== undefined) {
    const loop = parseRange(name, "loopbackCidr", addressing.loopbackCidr);
    if (size(loop) < counts.switches)
      fail(name, `loopbackCidr ${addressing.loopbackCidr} holds ${size(loop)} loopbacks but the fabric has ${counts.switches} switches`);
    if (overlaps(loop, p2p)) {
      fail(name, `loopbackCidr ${addressing.loopbackCidr} overlaps p2pCidr ${addressing.p2pCidr}`);
    }
    loopback = (i) => `${formatAddress(loop.base + i)}/32`;
  }
  const base = addressing.asnBase ?? PRIVATE_ASN_FIRST;
  const needed = counts.leaves + counts.spineGroups + 1;
  if (!Number.isInteger(base) || base < PRIVATE_ASN_FIRST || base + needed - 1 > PRIVATE_ASN_LAST) {
    fail(name, `asnBase ${String(base)} should leave ${needed} private ASNs between ${PRIVATE_ASN_FIRST} and ${PRIVATE_ASN_LAST}`);
  }
  const vrfs = addressing.leafVrfs;
  if (vrfs !== undefined) {
    const seen = new Set<string>();
    for (const v of vrfs) {
      if (typeof v !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/.test(v))
        fail(name, `leafVrfs entry ${JSON.stringify(v)} should be 1-31 letters, digits, _ or -`);
      if (seen.has(v)) fail(name, `leafVrfs entry ${v} appears twice`);
      seen.add(v);
    }
  }
  // A fabric of 20,000 nodes has some 650,000 link addresses: format each /24 once and add the last octet.
  const prefixes = new Map<number, string>();
  const p31 = (address: number): string => {
    const key = address >>> 8;
    let prefix = prefixes.get(key);
    if (prefix === undefined) {
      const text = formatAddress(address);
      prefix = text.slice(0, text.lastIndexOf(".") + 1);
      prefixes.set(key, prefix);
    }
    return prefix + LAST_OCTET_31[address & 255]!;
  };
  return {
    upper: (i) => p31(p2p.base + 2 * i),
    lower: (i) => p31(p2p.base + 2 * i + 1),
    loopback,
    leafAsn: (leaf) => base + leaf + 1,
    spineAsn: (group) => base + counts.leaves + group + 1,
    coreAsn: base + counts.leaves + counts.spineGroups + 1,
    ...(vrfs !== undefined ? { leafVrfs: [...vrfs] } : {}),
  };
}
