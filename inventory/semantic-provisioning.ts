/**
 * Checks of a site's `provisioning` section that the schema cannot express: each role's boot source
 * has the fields of its kind, every image URL is https:// (or http:// on the site's management
 * ranges), a role booting other than PXE has Redfish BMCs, and a disk wipe names its image.
 */
import { parseCidr } from "../model/ipv4";
import { bootSpecProblems, needsRedfish, siteImageUrlProblem } from "../model/baremetal/boot-source";
import type { Report } from "./semantic";
import type { Site } from "./schema/site";
import type { NodeRole } from "./schema/bootstrap";

/** Reports every problem of `site.provisioning` at its field. */
export function checkProvisioning(site: Site, report: Report): void {
  const p = site.provisioning;
  if (p === undefined) return;
  const ranges = managementRanges(site);
  const checkUrl = (path: (string | number)[], url: string) => {
    const problem = ranges === undefined ? undefined : siteImageUrlProblem(url, ranges);
    if (problem !== undefined) report(path, problem);
  };
  for (const [role, spec] of Object.entries(p.boot ?? {}) as [NodeRole, NonNullable<NonNullable<typeof p.boot>[NodeRole]>][]) {
    const at = ["provisioning", "boot", role];
    for (const { field, message } of bootSpecProblems(spec)) report([...at, field], message);
    if (spec.url !== undefined && spec.kind === "uefi-http") checkUrl([...at, "url"], spec.url);
    if (spec.imageUrl !== undefined && spec.kind === "virtual-media") checkUrl([...at, "imageUrl"], spec.imageUrl);
    if (!needsRedfish(spec.kind)) continue;
    for (const b of site.blueprints.filter((b) => b.role === role && b.bmc.protocol === "ipmi"))
      report([...at, "kind"], `${spec.kind} needs a Redfish BMC; blueprint [${b.id}] (role ${role}) has an IPMI BMC, which boots from pxe only`);
  }
  if (p.wipeImageUrl !== undefined) checkUrl(["provisioning", "wipeImageUrl"], p.wipeImageUrl);
  if (p.wipeOnDeprovision !== true) return;
  if (p.wipeImageUrl === undefined)
    report(["provisioning", "wipeOnDeprovision"], "a disk wipe should name provisioning.wipeImageUrl, the image that erases the disks");
  for (const b of site.blueprints.filter((b) => b.bmc.protocol === "ipmi"))
    report(["provisioning", "wipeOnDeprovision"], `the wipe image boots as virtual media, which blueprint [${b.id}]'s IPMI BMC cannot insert`);
}

/** The site's management ranges (out-of-band, in-band), or undefined when one is not a valid network (reported elsewhere). */
function managementRanges(site: Site): string[] | undefined {
  const ranges = [site.network.outOfBand.cidr, site.network.inBand.cidr];
  try {
    ranges.forEach(parseCidr);
    return ranges;
  } catch {
    return undefined;
  }
}
