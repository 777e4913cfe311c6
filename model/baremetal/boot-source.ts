/**
 * The one home of how a node boots to be provisioned and whether it is wiped on deprovisioning:
 * the default boot source, the boot source of a blueprint's role from a site's `provisioning`, the
 * wipe image a host is given (only behind `wipeOnDeprovision: true`), and the rules of an image URL.
 * Pure: the inventory's checks, the program, the component and the command line import it.
 */
import type { BootSource } from "../../bmc/provisioning";
import type { NodeRole } from "../../inventory/schema/bootstrap";
import type { BootSourceSpec, Provisioning } from "../../inventory/schema/provisioning";
import { contains, formatCidr, parseAddress, parseCidr } from "../ipv4";

/** How a node boots when its role names no boot source: network boot (PXE), in UEFI mode where offered. */
export const DEFAULT_BOOT_SOURCE: BootSource = Object.freeze({ kind: "pxe" });

/** The boot source of a spec that passed {@link bootSpecProblems}. */
export function bootSourceOfSpec(spec: BootSourceSpec): BootSource {
  switch (spec.kind) {
    case "pxe":
      return { kind: "pxe" };
    case "uefi-http":
      return spec.url === undefined ? { kind: "uefi-http" } : { kind: "uefi-http", url: spec.url };
    case "virtual-media":
      return { kind: "virtual-media", imageUrl: spec.imageUrl ?? "" };
  }
}

/** How a node of `role` boots, from its site's `provisioning` (the default when the role is not named). */
export function bootSourceOf(provisioning: Provisioning | undefined, role: NodeRole): BootSource {
  const spec = provisioning?.boot?.[role];
  return spec === undefined ? DEFAULT_BOOT_SOURCE : bootSourceOfSpec(spec);
}

/** The wipe image a host is given: `wipeImageUrl` only when `wipeOnDeprovision` is true; otherwise none (no wipe). */
export function wipeImageOf(provisioning: Provisioning | undefined): string | undefined {
  return provisioning?.wipeOnDeprovision === true ? provisioning.wipeImageUrl : undefined;
}

/** A boot source of `kind` needs a Redfish BMC: IPMI offers network boot (PXE) only. */
export function needsRedfish(kind: BootSource["kind"]): boolean {
  return kind !== "pxe";
}

/** The fields of a boot spec that do not fit its kind, each with why (field relative to the spec). */
export function bootSpecProblems(spec: BootSourceSpec): { field: "imageUrl" | "url" | "kind"; message: string }[] {
  const problems: { field: "imageUrl" | "url" | "kind"; message: string }[] = [];
  if (spec.kind === "virtual-media" && spec.imageUrl === undefined)
    problems.push({ field: "kind", message: "virtual-media should name the imageUrl the BMC inserts" });
  if (spec.kind !== "virtual-media" && spec.imageUrl !== undefined)
    problems.push({ field: "imageUrl", message: `imageUrl is for virtual-media only, not ${spec.kind}` });
  if (spec.kind !== "uefi-http" && spec.url !== undefined) problems.push({ field: "url", message: `url is for uefi-http only, not ${spec.kind}` });
  return problems;
}

/**
 * Why `text` cannot be an image or boot URL, or undefined when it can: an absolute https:// or
 * http:// URL with a host and no credentials in it (they would land in state and logs in plaintext).
 */
export function imageUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${JSON.stringify(text)} is not a URL`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${JSON.stringify(text)} should be an https:// or http:// URL, not ${url.protocol}//`;
  if (url.hostname === "") return `${JSON.stringify(text)} names no host`;
  if (url.username !== "" || url.password !== "")
    return "the URL should not carry credentials (they would be stored in plaintext); serve the image without them";
  return undefined;
}

/**
 * Why `text` cannot be an image URL of a site whose management ranges are `ranges` (CIDRs), or
 * undefined: besides {@link imageUrlProblem}, plain http:// only to an IPv4 address on those ranges
 * (the image travels unauthenticated, so it stays on the management network); https:// anywhere.
 */
export function siteImageUrlProblem(text: string, ranges: readonly string[]): string | undefined {
  const problem = imageUrlProblem(text);
  if (problem !== undefined || new URL(text).protocol === "https:") return problem;
  const host = new URL(text).hostname;
  const nets = ranges.map(parseCidr);
  let address: number | undefined;
  try {
    address = parseAddress(host);
  } catch {
    address = undefined;
  }
  if (address !== undefined && nets.some((n) => contains(n, { base: address, prefix: 32 }))) return undefined;
  return `plain http:// is allowed only to an address on the site's management ranges (${nets.map(formatCidr).join(", ")}); ${host} is not: use https://`;
}
