/**
 * `rack-power-capacity`: every rack draws at most what its feeds allow (NetBox power model: usable
 * kW = V × A × (√3 for three-phase) × maximum utilisation; 2N: the weakest feed alone carries the
 * rack), and the site's facility power at design PUE fits its grid connection.
 */
import { facilityKW as facilityPowerKW, formatKW, overdrawn } from "../../model/power";
import type { SiteFacts } from "../../model/site-facts";
import { formatRatio } from "./format";
import type { Finding, RuleMeta } from "./types";

/** The policy's metadata. */
export const rackPowerCapacityMeta: RuleMeta = {
  name: "rack-power-capacity",
  description: "Racks draw at most what their power feeds allow, and the site fits its grid connection.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["power", "capacity", "safety"],
  url: "https://docs.netbox.dev/en/stable/models/dcim/powerfeed/",
  remediationSteps:
    "Give the rack type stronger feeds, fewer nodes, or N instead of 2N only where the loss of a feed is acceptable; raise the grid connection or place fewer racks.",
  scope: "site",
};

/** Judges rack draw against feed capacity and facility power against the grid connection. */
export function checkRackPowerCapacity(facts: SiteFacts): Finding[] {
  const findings: Finding[] = [];
  facts.rackTypes.forEach((t, i) => {
    if (!overdrawn(t)) return;
    const subject = `rack type [${t.id}] of site [${facts.siteId}]`;
    const racks = `${t.racks} rack${t.racks === 1 ? "" : "s"}`;
    findings.push({
      policy: "rack-power-capacity",
      subject,
      message: `${subject} should draw at most what its feeds allow; ${racks} draw ${formatKW(t.drawKW)} each but the feeds allow ${formatKW(t.usableKW)} (${t.redundancy})`,
      document: "site",
      path: ["rackTypes", i, "feeds"],
    });
  });
  const facilityKW = facilityPowerKW(facts.itPowerKW, facts.facility.designPue);
  const connectionKW = facts.facility.gridConnectionMW * 1000;
  if (facilityKW > connectionKW) {
    const subject = `site [${facts.siteId}]`;
    findings.push({
      policy: "rack-power-capacity",
      subject,
      message: `${subject} should fit its grid connection; ${formatKW(facts.itPowerKW)} IT power at design PUE ${formatRatio(facts.facility.designPue)} needs ${formatKW(facilityKW)} but the connection is ${formatKW(connectionKW)}`,
      document: "site",
      path: ["facility", "gridConnectionMW"],
    });
  }
  return findings;
}
