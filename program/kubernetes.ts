/**
 * The Kubernetes layer of a site: the plan is built (and its GPU quotas checked) before anything
 * is created; then the provider, Kueue's flavours and cluster queues, the IPC_LOCK exception for
 * RDMA tenants, a namespace per tenant and the GPU software.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { GpuQueues } from "../components/kubernetes/gpu-queues";
import { GpuSoftware, type GpuSoftwareReport } from "../components/kubernetes/gpu-software";
import { IpcLockException } from "../components/kubernetes/ipc-lock-exception";
import { TenantNamespace } from "../components/kubernetes/tenant-namespace";
import type { ExpandedSite } from "../inventory/fleet";
import { kubernetesPlan, type KubernetesPlan } from "../model/kubernetes/plan";

/** Where the layer sends its objects: a directory of rendered YAML, or a cluster; and where Helm charts come from. */
export type KubernetesTarget = ({ readonly renderDir: string } | { readonly kubeconfig: pulumi.Input<string> }) & {
  /** The Helm repository serving NVIDIA's charts; without it the GPU software is rendered only. */
  readonly chartRepository?: string;
};

/** What the layer built. */
export interface KubernetesLayer {
  readonly plan: KubernetesPlan;
  readonly resources: readonly pulumi.Resource[];
  /** Stack outputs: tenants, queues, and what of the GPU software was applied or only rendered. */
  readonly outputs: Record<string, unknown>;
}

/** Plans the layer of `expanded` (throwing before anything exists when it is refused), then creates it under `parent`. */
export function buildKubernetes(expanded: Pick<ExpandedSite, "site" | "nodes">, target: KubernetesTarget, parent: pulumi.ComponentResource): KubernetesLayer {
  const plan = kubernetesPlan(expanded);
  const id = plan.site;
  const provider = new k8s.Provider(`${id}-k8s`, "renderDir" in target ? { renderYamlToDirectory: target.renderDir } : { kubeconfig: target.kubeconfig }, {
    parent,
  });
  const opts = { parent, providers: { kubernetes: provider } };
  const queues = new GpuQueues(`${id}-queues`, { flavours: plan.flavours, clusterQueues: plan.clusterQueues }, opts);
  const exception = plan.ipcLock ? new IpcLockException(`${id}-ipc-lock`, plan.ipcLock, opts) : undefined;
  // A tenant's LocalQueue names its class's ClusterQueue; an RDMA namespace exists only once its admission policy does.
  const tenants = plan.tenants.map(
    (t) => new TenantNamespace(`${id}-${t.id}`, { manifests: t.manifests }, { ...opts, dependsOn: [queues, ...(exception ? [exception] : [])] }),
  );
  const software = new GpuSoftware(
    `${id}-gpu-software`,
    { software: plan.gpuSoftware, ...(target.chartRepository !== undefined ? { chartRepository: target.chartRepository } : {}) },
    opts,
  );
  const report: GpuSoftwareReport = software.report;
  return {
    plan,
    resources: [queues, ...(exception ? [exception] : []), ...tenants, software],
    outputs: {
      tenants: plan.tenants.map((t) => t.id),
      clusterQueues: plan.clusterQueues.map((q) => q.metadata.name),
      flavours: plan.flavours.map((f) => f.metadata.name),
      gpuSoftware: { ...report, ...(report.renderedOnly.length > 0 ? { rendered: plan.gpuSoftware } : {}) },
    },
  };
}
