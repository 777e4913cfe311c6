/**
 * The Kubernetes layer of a site: the plan is built (and its GPU quotas checked) before anything
 * is created; then the provider, Kueue's flavours and cluster queues, the IPC_LOCK exception for
 * RDMA tenants, a namespace per tenant and the GPU software.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { JoinInputs } from "../components/baremetal/os-bootstrap";
import { BootstrapToken } from "../components/kubernetes/bootstrap-token";
import { GpuQueues } from "../components/kubernetes/gpu-queues";
import { GpuSoftware, type GpuSoftwareReport } from "../components/kubernetes/gpu-software";
import { IpcLockException } from "../components/kubernetes/ipc-lock-exception";
import { TenantNamespace } from "../components/kubernetes/tenant-namespace";
import type { ExpandedSite } from "../inventory/fleet";
import { joinFromKubeconfig } from "../model/kubernetes/join";
import { kubernetesPlan, type KubernetesPlan } from "../model/kubernetes/plan";
import { joinOutputs } from "./join";

/** Where the layer sends its objects: a directory of rendered YAML, or a cluster; and where Helm charts come from. */
export type KubernetesTarget = ({ readonly renderDir: string } | { readonly kubeconfig: pulumi.Input<string> }) & {
  /** The Helm repository serving NVIDIA's charts; without it the GPU software is rendered only. */
  readonly chartRepository?: string;
  /** The bootstrap token nodes join with (a secret); with a kubeconfig, the layer creates it and exports the join inputs. */
  readonly bootstrapToken?: pulumi.Input<string>;
};

/** What the layer built. */
export interface KubernetesLayer {
  readonly plan: KubernetesPlan;
  readonly resources: readonly pulumi.Resource[];
  /** Stack outputs: tenants, queues, what of the GPU software was applied or only rendered, and the join inputs (`JOIN_OUTPUTS`). */
  readonly outputs: Record<string, unknown>;
  /** The join inputs it hands the bare-metal layer, when it has a cluster and a bootstrap token. */
  readonly join?: JoinInputs;
}

/** Creates the bootstrap token on the cluster and derives the join inputs from the kubeconfig (endpoint, CA hash). */
function joinInputs(id: string, target: KubernetesTarget, opts: pulumi.ComponentResourceOptions): { join?: JoinInputs; resources: pulumi.Resource[] } {
  if (!("kubeconfig" in target) || target.bootstrapToken === undefined) return { resources: [] };
  const token = new BootstrapToken(`${id}-bootstrap-token`, { token: target.bootstrapToken }, opts);
  const cluster = pulumi.secret(target.kubeconfig).apply(joinFromKubeconfig);
  return {
    join: {
      apiServerEndpoint: pulumi.unsecret(cluster.apply((c) => c.apiServerEndpoint)),
      caCertHash: pulumi.secret(cluster.apply((c) => c.caCertHash)),
      // Handed over once the API server holds the token.
      token: pulumi.secret(pulumi.all([target.bootstrapToken, token.secret.id]).apply(([t]) => t)),
    },
    resources: [token],
  };
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
  const joining = joinInputs(id, target, opts);
  return {
    plan,
    ...(joining.join ? { join: joining.join } : {}),
    resources: [queues, ...(exception ? [exception] : []), ...tenants, software, ...joining.resources],
    outputs: {
      tenants: plan.tenants.map((t) => t.id),
      clusterQueues: plan.clusterQueues.map((q) => q.metadata.name),
      flavours: plan.flavours.map((f) => f.metadata.name),
      gpuSoftware: { ...report, ...(report.renderedOnly.length > 0 ? { rendered: plan.gpuSoftware } : {}) },
      ...(joining.join ? joinOutputs(joining.join) : {}),
    },
  };
}
