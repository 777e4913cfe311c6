/**
 * `out-of-band-isolation`: the out-of-band management network (BMCs, PDUs) shares no address with
 * any other range of the site (`siteRangeList`: tenant and public ranges, the in-band, compute and
 * storage fabrics, an Ethernet fabric's underlay), and uses private addresses (RFC 1918; or
 * loopback, RFC 1122, where a lab emulates its BMCs on one host), so it is never reachable from
 * tenant networks.
 */
import { contains, formatCidr, overlaps, parseCidr, type Ipv4Network } from "../../model/ipv4";
import { siteRangeList } from "../../model/site-ranges";
import type { SiteFacts } from "../../model/site-facts";
import type { Finding, RuleMeta } from "./types";

/** The policy's metadata. */
export const outOfBandIsolationMeta: RuleMeta = {
  name: "out-of-band-isolation",
  description: "The out-of-band management network is private and shares no address with tenant, public, in-band, compute or storage ranges.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["network", "isolation", "bmc"],
  url: "https://www.rfc-editor.org/rfc/rfc1918",
  remediationSteps: "Give the out-of-band network a private range of its own that no other range of the site contains or overlaps.",
  scope: "site",
};

/** RFC 1918 private ranges, and the loopback range. */
const PRIVATE: readonly Ipv4Network[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8"].map(parseCidr);

/** Judges the out-of-band range against every other range of the site. */
export function checkOutOfBandIsolation(facts: SiteFacts): Finding[] {
  const subject = `out-of-band network of site [${facts.siteId}]`;
  const finding = (message: string): Finding => ({
    policy: "out-of-band-isolation",
    subject,
    message: `${subject} ${message}`,
    document: "site",
    path: ["network", "outOfBand", "cidr"],
  });
  const n = facts.network;
  let oob: Ipv4Network;
  try {
    oob = parseCidr(n.outOfBand);
  } catch (e) {
    return [finding(`should have a valid range; ${(e as Error).message}`)];
  }
  const findings: Finding[] = [];
  if (!PRIVATE.some((p) => contains(p, oob))) findings.push(finding(`should use private addresses (RFC 1918) or loopback; ${formatCidr(oob)} is neither`));
  const others = siteRangeList(n).filter((r) => r.kind !== "outOfBand");
  for (const other of others) {
    let net: Ipv4Network;
    try {
      net = parseCidr(other.cidr);
    } catch {
      findings.push(finding(`should be isolated from ${other.name}; ${other.name} "${other.cidr}" is not a valid range to compare with`));
      continue;
    }
    if (!overlaps(oob, net)) continue;
    // CIDR blocks either nest or are disjoint: an overlap is one inside the other.
    const relation = contains(net, oob) ? "lies inside" : "contains";
    findings.push(finding(`should be isolated from ${other.name}; ${formatCidr(oob)} ${relation} ${other.what} ${formatCidr(net)}`));
  }
  return findings;
}
