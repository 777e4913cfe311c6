/** Turns the model's plain manifests into resources of the upstream Kubernetes provider (APIs of @pulumi/kubernetes 4.25.0). */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Manifest } from "../../model/kubernetes/kueue";

/** The fields of a manifest other than `apiVersion` and `kind`, as resource args. */
function body(m: Manifest): Record<string, unknown> {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = m;
  return rest;
}

/**
 * A resource for `m`, typed by its kind where the provider has a class for it, else a
 * `CustomResource` (Kueue, NVIDIA). Throws on a built-in kind this layer does not create.
 */
export function createObject(name: string, m: Manifest, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const args = body(m) as never;
  switch (`${m.apiVersion}/${m.kind}`) {
    case "v1/Namespace":
      return new k8s.core.v1.Namespace(name, args, opts);
    case "v1/ResourceQuota":
      return new k8s.core.v1.ResourceQuota(name, args, opts);
    case "v1/LimitRange":
      return new k8s.core.v1.LimitRange(name, args, opts);
    case "networking.k8s.io/v1/NetworkPolicy":
      return new k8s.networking.v1.NetworkPolicy(name, args, opts);
    case "rbac.authorization.k8s.io/v1/RoleBinding":
      return new k8s.rbac.v1.RoleBinding(name, args, opts);
    case "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy":
      return new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(name, args, opts);
    case "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding":
      return new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(name, args, opts);
  }
  if (!m.apiVersion.includes(".")) throw new Error(`manifest ${m.kind} [${m.metadata.name}] has a built-in API (${m.apiVersion}) this layer does not create`);
  return new k8s.apiextensions.CustomResource(name, { apiVersion: m.apiVersion, kind: m.kind, ...body(m) }, opts);
}
