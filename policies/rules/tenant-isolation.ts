/**
 * `tenant-isolation`: every tenant namespace enforces the `restricted` Pod Security Standard (or,
 * for a tenant marked for RDMA, takes the IPC_LOCK exception: `privileged` enforced, `restricted`
 * audited and warned, and the admission policy of model/kubernetes/pod-security.ts bound) and
 * holds a default-deny NetworkPolicy (one that selects every pod and allows no ingress and no
 * egress), so tenants reach nothing they were not explicitly given. Judged on Kubernetes resource
 * inputs, not on the inventory.
 */
import {
  IPC_LOCK_EXCEPTION,
  POD_SECURITY_AUDIT,
  POD_SECURITY_ENFORCE,
  POD_SECURITY_EXCEPTION_LABEL,
  POD_SECURITY_WARN,
  PRIVILEGED,
  RESTRICTED,
  TENANT_LABEL,
} from "../../model/kubernetes/labels";
import { IPC_LOCK_POLICY } from "../../model/kubernetes/pod-security";
import type { Finding, RuleMeta } from "./types";

/** The policy's metadata. */
export const tenantIsolationMeta: RuleMeta = {
  name: "tenant-isolation",
  description: "Tenant namespaces enforce the restricted Pod Security Standard and hold a default-deny NetworkPolicy.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["kubernetes", "isolation", "tenancy"],
  url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
  remediationSteps:
    "Label the namespace pod-security.kubernetes.io/enforce=restricted and add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] and no rules; allow what the tenant needs in further policies.",
  configSchema: {
    properties: {
      tenantLabel: { type: "string", default: TENANT_LABEL, description: "the namespace label that marks a tenant namespace" },
    },
  },
  scope: "resource",
};

export { POD_SECURITY_ENFORCE, RESTRICTED };

/** The part of a Namespace the rule reads. */
export interface NamespaceView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The part of a NetworkPolicy the rule reads. */
export interface NetworkPolicyView {
  readonly name: string;
  readonly namespace: string;
  /** Whether `spec.podSelector` selects every pod (`{}`). */
  readonly selectsAllPods: boolean;
  readonly policyTypes: readonly string[];
  readonly ingressRules: number;
  readonly egressRules: number;
}

/** Whether the namespace is a tenant's. */
export function isTenantNamespace(ns: NamespaceView, tenantLabel: string): boolean {
  return Object.prototype.hasOwnProperty.call(ns.labels, tenantLabel);
}

/**
 * Whether the namespace takes the IPC_LOCK exception as designed: it enforces `privileged` only
 * because the admission policy bound to its exception label enforces the restricted profile (with
 * IPC_LOCK addable), and it still audits and warns at `restricted`.
 */
export function isIpcLockException(ns: NamespaceView): boolean {
  return (
    ns.labels[POD_SECURITY_EXCEPTION_LABEL] === IPC_LOCK_EXCEPTION &&
    ns.labels[POD_SECURITY_ENFORCE] === PRIVILEGED &&
    ns.labels[POD_SECURITY_AUDIT] === RESTRICTED &&
    ns.labels[POD_SECURITY_WARN] === RESTRICTED
  );
}

/** A tenant namespace that does not enforce the restricted standard (nor take the IPC_LOCK exception as designed). */
export function checkPodSecurity(ns: NamespaceView, tenantLabel: string): Finding[] {
  if (!isTenantNamespace(ns, tenantLabel)) return [];
  const level = ns.labels[POD_SECURITY_ENFORCE];
  if (level === RESTRICTED || isIpcLockException(ns)) return [];
  const subject = `namespace [${ns.name}]`;
  const evidence = level === undefined ? `label ${POD_SECURITY_ENFORCE} is missing` : `label ${POD_SECURITY_ENFORCE} is "${level}"`;
  return [
    {
      policy: "tenant-isolation",
      subject,
      message: `${subject} should enforce the restricted Pod Security Standard; ${evidence}`,
      document: "resource",
      path: [],
    },
  ];
}

/** Whether a NetworkPolicy denies all ingress and egress of every pod of its namespace. */
export function isDefaultDeny(p: NetworkPolicyView): boolean {
  return p.selectsAllPods && p.policyTypes.includes("Ingress") && p.policyTypes.includes("Egress") && p.ingressRules === 0 && p.egressRules === 0;
}

/** Tenant namespaces without a default-deny NetworkPolicy. */
export function checkDefaultDeny(namespaces: readonly NamespaceView[], policies: readonly NetworkPolicyView[], tenantLabel: string): Finding[] {
  const findings: Finding[] = [];
  for (const ns of namespaces) {
    if (!isTenantNamespace(ns, tenantLabel)) continue;
    const own = policies.filter((p) => p.namespace === ns.name);
    if (own.some(isDefaultDeny)) continue;
    const subject = `namespace [${ns.name}]`;
    const evidence =
      own.length === 0
        ? "it has no NetworkPolicy"
        : `none of its NetworkPolicies (${own.map((p) => p.name).join(", ")}) selects every pod and denies both ingress and egress`;
    findings.push({
      policy: "tenant-isolation",
      subject,
      message: `${subject} should have a default-deny NetworkPolicy; ${evidence}`,
      document: "resource",
      path: [],
    });
  }
  return findings;
}

/** The part of a ValidatingAdmissionPolicyBinding the rule reads. */
export interface AdmissionBindingView {
  readonly name: string;
  readonly policyName: string;
  readonly validationActions: readonly string[];
  /** `matchResources.namespaceSelector.matchLabels`. */
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

/**
 * Tenant namespaces that take the IPC_LOCK exception (enforce `privileged`) without the admission
 * policy that holds them to the restricted profile: the stack must declare {@link IPC_LOCK_POLICY}
 * (`policies`: the names of the stack's ValidatingAdmissionPolicies; the API server ignores a
 * binding to a policy that does not exist) and bind it to the exception label, denying.
 */
export function checkIpcLockBinding(
  namespaces: readonly NamespaceView[],
  bindings: readonly AdmissionBindingView[],
  policies: readonly string[],
  tenantLabel: string,
): Finding[] {
  const bound = bindings.some(
    (b) =>
      b.policyName === IPC_LOCK_POLICY &&
      b.validationActions.includes("Deny") &&
      b.namespaceLabels[POD_SECURITY_EXCEPTION_LABEL] === IPC_LOCK_EXCEPTION &&
      Object.keys(b.namespaceLabels).length === 1,
  );
  const declared = policies.includes(IPC_LOCK_POLICY);
  if (bound && declared) return [];
  const evidence = bound
    ? `it enforces privileged and the stack binds ${IPC_LOCK_POLICY} but does not declare it`
    : `it enforces privileged and the stack binds no such policy to ${POD_SECURITY_EXCEPTION_LABEL}=${IPC_LOCK_EXCEPTION} with Deny`;
  return namespaces
    .filter((ns) => isTenantNamespace(ns, tenantLabel) && isIpcLockException(ns))
    .map((ns) => {
      const subject = `namespace [${ns.name}]`;
      return {
        policy: "tenant-isolation" as const,
        subject,
        message: `${subject} should be held to the restricted profile by the admission policy ${IPC_LOCK_POLICY}; ${evidence}`,
        document: "resource" as const,
        path: [],
      };
    });
}
