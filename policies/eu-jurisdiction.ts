/**
 * `eu-jurisdiction` in the pack: judges each site resource's facts, and refuses a stack that
 * provisions bare-metal or Kubernetes resources without a site resource for the pack to judge.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configMode } from "./config";
import { PROVIDER_NAME } from "../model/baremetal/host-type";
import { SITE_RESOURCE_TYPE } from "../model/site-facts";
import { checkEuJurisdiction, euJurisdictionMeta } from "./rules/eu-jurisdiction";
import { recordMode } from "./pack-mode";
import { sitePolicy } from "./site-policy";

/** Resource types that provision bare metal or Kubernetes. */
export function isProvisioning(type: string): boolean {
  return type.startsWith("command:") || type.startsWith("kubernetes:") || type.startsWith(`${PROVIDER_NAME}:`);
}

const site = sitePolicy(euJurisdictionMeta, checkEuJurisdiction, (config, args) => ({
  mode: recordMode(args.urn, configMode(euJurisdictionMeta, config)),
}));

/** Sites inside the EU (or EEA) and an operator incorporated there; no provisioning without site facts. */
export const requireEuJurisdiction: ResourceValidationPolicy & StackValidationPolicy = {
  ...site,
  validateStack: (args, report) => {
    if (args.resources.some((r) => r.type === SITE_RESOURCE_TYPE)) return;
    const provisioning = args.resources.filter((r) => isProvisioning(r.type));
    if (provisioning.length === 0) return;
    const types = [...new Set(provisioning.map((r) => r.type))].sort().join(", ");
    report(
      `stack should register a ${SITE_RESOURCE_TYPE} resource with the site facts before provisioning; it registers ${provisioning.length} provisioning resource${provisioning.length === 1 ? "" : "s"} (${types}) and none`,
    );
  },
};
