/** An isolated tenant on the cluster: a restricted namespace, default-deny traffic, and a GPU quota. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TenantClass } from "../../inventory/schema/workload";

/** Arguments of a {@link TenantNamespace}. */
export interface TenantNamespaceArgs {
  /** Tenant id from the inventory; becomes the namespace name. */
  readonly tenant: string;
  /** Startup, SME or research. */
  readonly tenantClass: TenantClass;
  /** Site the tenant runs at. */
  readonly site: string;
  /** Nominal GPU quota. */
  readonly gpuQuota: number;
}

/** Labels that make the Pod Security admission enforce the `restricted` profile. */
export const RESTRICTED_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
} as const;

/** The manifests of a tenant, as plain objects (tested without Pulumi). */
export function tenantManifests(args: TenantNamespaceArgs) {
  const labels = { "gigafactory.eu/tenant": args.tenant, "gigafactory.eu/tenant-class": args.tenantClass, "gigafactory.eu/site": args.site };
  return {
    namespace: { metadata: { name: args.tenant, labels: { ...labels, ...RESTRICTED_LABELS } } },
    defaultDeny: {
      metadata: { name: "default-deny", namespace: args.tenant, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    quota: {
      metadata: { name: "gpu-quota", namespace: args.tenant, labels },
      spec: { hard: { "requests.nvidia.com/gpu": String(args.gpuQuota) } },
    },
  };
}

/** A tenant namespace. Pass the Kubernetes provider in `opts.providers` or `opts.provider`. */
export class TenantNamespace extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;

  constructor(name: string, args: TenantNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:kubernetes:TenantNamespace", name, { tenant: args.tenant, tenantClass: args.tenantClass, gpuQuota: args.gpuQuota }, opts);
    const m = tenantManifests(args);
    const child = { parent: this };
    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: m.namespace.metadata }, child);
    const inNamespace = { parent: this, dependsOn: [this.namespace] };
    new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, m.defaultDeny, inNamespace);
    new k8s.core.v1.ResourceQuota(`${name}-gpu-quota`, m.quota, inNamespace);
    this.registerOutputs({ namespace: args.tenant });
  }
}
