/** Reads the parts of Kubernetes resource inputs that `tenant-isolation` judges. */
import type { AdmissionBindingView, NamespaceView, NetworkPolicyView } from "./rules/tenant-isolation";

/** The Kubernetes provider's Namespace type token. */
export const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";
/** The Kubernetes provider's ValidatingAdmissionPolicyBinding type token. */
export const ADMISSION_BINDING_TYPE = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";
/** The type token of a ValidatingAdmissionPolicy. */
export const ADMISSION_POLICY_TYPE = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
/** The Kubernetes provider's NetworkPolicy type token. */
export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The value at `keys` under `value`, or undefined. */
export function at(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function count(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** A Namespace's name (its `metadata.name`, else the resource name) and labels. */
export function namespaceView(props: unknown, resourceName: string): NamespaceView {
  const name = at(props, "metadata", "name");
  return { name: typeof name === "string" ? name : resourceName, labels: stringMap(at(props, "metadata", "labels")) };
}

/**
 * A NetworkPolicy as the rule reads it. Kubernetes defaults `policyTypes` to Ingress, plus Egress
 * when the policy has egress rules.
 */
export function networkPolicyView(props: unknown, resourceName: string): NetworkPolicyView {
  const name = at(props, "metadata", "name");
  const namespace = at(props, "metadata", "namespace");
  const selector = at(props, "spec", "podSelector");
  const selectsAllPods =
    typeof selector === "object" &&
    selector !== null &&
    Object.keys(stringMap(at(selector, "matchLabels"))).length === 0 &&
    count(at(selector, "matchExpressions")) === 0;
  const declared = at(props, "spec", "policyTypes");
  const egress = at(props, "spec", "egress");
  const policyTypes = Array.isArray(declared)
    ? declared.filter((t): t is string => typeof t === "string")
    : egress === undefined
      ? ["Ingress"]
      : ["Ingress", "Egress"];
  return {
    name: typeof name === "string" ? name : resourceName,
    namespace: typeof namespace === "string" ? namespace : "default",
    selectsAllPods,
    policyTypes,
    ingressRules: count(at(props, "spec", "ingress")),
    egressRules: count(egress),
  };
}

/** The name of a ValidatingAdmissionPolicy (its `metadata.name`, else the resource's name). */
export function admissionPolicyName(props: unknown, resourceName: string): string {
  const name = at(props, "metadata", "name");
  return typeof name === "string" ? name : resourceName;
}

/** A ValidatingAdmissionPolicyBinding as the rule reads it. */
export function admissionBindingView(props: unknown, resourceName: string): AdmissionBindingView {
  const name = at(props, "metadata", "name");
  const policyName = at(props, "spec", "policyName");
  const actions = at(props, "spec", "validationActions");
  return {
    name: typeof name === "string" ? name : resourceName,
    policyName: typeof policyName === "string" ? policyName : "",
    validationActions: Array.isArray(actions) ? actions.filter((a): a is string => typeof a === "string") : [],
    namespaceLabels: stringMap(at(props, "spec", "matchResources", "namespaceSelector", "matchLabels")),
  };
}
