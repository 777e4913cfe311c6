/**
 * `tenant-isolation` in the pack: a tenant namespace is judged when it is registered (restricted
 * Pod Security), and the stack is judged as a whole (a default-deny NetworkPolicy in each).
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configString } from "./config";
import { namespaceView, networkPolicyView, NAMESPACE_TYPE, NETWORK_POLICY_TYPE } from "./kubernetes-views";
import { checkDefaultDeny, checkPodSecurity, tenantIsolationMeta } from "./rules/tenant-isolation";
import { policyFields } from "./metadata";

/** Tenant namespaces are restricted and default-deny. */
export const isolateTenants: ResourceValidationPolicy & StackValidationPolicy = {
  ...policyFields(tenantIsolationMeta),
  validateResource: (args, report) => {
    if (args.type !== NAMESPACE_TYPE) return;
    const label = configString(tenantIsolationMeta, args.getConfig(), "tenantLabel");
    for (const f of checkPodSecurity(namespaceView(args.props, args.name), label)) report(f.message);
  },
  validateStack: (args, report) => {
    const label = configString(tenantIsolationMeta, args.getConfig(), "tenantLabel");
    const namespaces = args.resources.filter((r) => r.type === NAMESPACE_TYPE);
    const policies = args.resources.filter((r) => r.type === NETWORK_POLICY_TYPE).map((r) => networkPolicyView(r.props, r.name));
    for (const ns of namespaces) {
      for (const f of checkDefaultDeny([namespaceView(ns.props, ns.name)], policies, label)) report(f.message, ns.urn);
    }
  },
};
