/**
 * `tenant-isolation` in the pack: a tenant namespace is judged when it is registered (restricted
 * Pod Security, or the IPC_LOCK exception), and the stack is judged as a whole (a default-deny
 * NetworkPolicy in each; the exception's admission policy bound where a namespace takes it).
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configString } from "./config";
import {
  ADMISSION_BINDING_TYPE,
  ADMISSION_POLICY_TYPE,
  admissionBindingView,
  admissionPolicyName,
  namespaceView,
  networkPolicyView,
  NAMESPACE_TYPE,
  NETWORK_POLICY_TYPE,
} from "./kubernetes-views";
import { checkDefaultDeny, checkIpcLockBinding, checkPodSecurity, tenantIsolationMeta } from "./rules/tenant-isolation";
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
    const bindings = args.resources.filter((r) => r.type === ADMISSION_BINDING_TYPE).map((r) => admissionBindingView(r.props, r.name));
    const admissionPolicies = args.resources.filter((r) => r.type === ADMISSION_POLICY_TYPE).map((r) => admissionPolicyName(r.props, r.name));
    for (const ns of namespaces) {
      const view = namespaceView(ns.props, ns.name);
      for (const f of [...checkDefaultDeny([view], policies, label), ...checkIpcLockBinding([view], bindings, admissionPolicies, label)])
        report(f.message, ns.urn);
    }
  },
};
