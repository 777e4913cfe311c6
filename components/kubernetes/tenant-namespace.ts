/**
 * A tenant on the cluster: its namespace (restricted Pod Security, or the IPC_LOCK exception for
 * RDMA), NetworkPolicies (default deny, DNS, pod to pod inside the tenant, the outside world but
 * never the management ranges), ResourceQuota, LimitRange, the RBAC binding of its group and its
 * Kueue LocalQueue. The objects are built by `tenantManifests` (model/kubernetes/tenant.ts).
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TenantManifests } from "../../model/kubernetes/tenant";
import { createObject } from "./objects";

/** Arguments of a {@link TenantNamespace}. */
export interface TenantNamespaceArgs {
  /** The tenant's objects, from the layer's plan. */
  readonly manifests: TenantManifests;
}

/** A tenant namespace. Pass the Kubernetes provider in `opts.providers` or `opts.provider`. */
export class TenantNamespace extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;

  constructor(name: string, args: TenantNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    const m = args.manifests;
    super("gigafactory:kubernetes:TenantNamespace", name, { namespace: m.namespace.metadata.name }, opts);
    this.namespace = createObject(`${name}-namespace`, m.namespace, { parent: this }) as k8s.core.v1.Namespace;
    const inside = { parent: this, dependsOn: [this.namespace] };
    for (const p of m.networkPolicies) createObject(`${name}-${p.metadata.name}`, p, inside);
    createObject(`${name}-${m.quota.metadata.name}`, m.quota, inside);
    createObject(`${name}-${m.limitRange.metadata.name}`, m.limitRange, inside);
    createObject(`${name}-${m.roleBinding.metadata.name}`, m.roleBinding, inside);
    createObject(`${name}-queue`, m.localQueue, inside);
    this.registerOutputs({ namespace: m.namespace.metadata.name });
  }
}
