/**
 * Everything the Kubernetes layer creates for a site, as plain manifests, checked before anything
 * is created: a site whose GPU quotas exceed what is built gets no plan, and so no object.
 */
import type { ExpandedSite } from "../../inventory/fleet";
import { clusterQueue, cohortName, resourceFlavor, type Manifest } from "./kueue";
import { ipcLockPolicy } from "./pod-security";
import { classQueues, classQuotas, excessMessage, gpusBuilt, quotaExcesses, type BuiltGpus } from "./quotas";
import { tenantManifests, type TenantManifests } from "./tenant";
import { gpuSoftware, type GpuSoftware } from "./gpu-software";

/** The Kubernetes layer of one site. */
export interface KubernetesPlan {
  readonly site: string;
  readonly built: readonly BuiltGpus[];
  readonly flavours: readonly Manifest[];
  readonly clusterQueues: readonly Manifest[];
  readonly tenants: readonly { readonly id: string; readonly manifests: TenantManifests }[];
  /** The IPC_LOCK admission policy and binding, when a tenant is marked for RDMA. */
  readonly ipcLock?: { readonly policy: Manifest; readonly binding: Manifest };
  readonly gpuSoftware: GpuSoftware;
}

/** The error of a site whose plan is refused; its message names the site, each blueprint and the figures. */
export class KubernetesPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KubernetesPlanError";
  }
}

/** Plans the layer of `expanded`; throws a {@link KubernetesPlanError} when a blueprint's quotas exceed its GPUs. */
export function kubernetesPlan(expanded: Pick<ExpandedSite, "site" | "nodes">): KubernetesPlan {
  const { site } = expanded;
  const built = gpusBuilt(site, expanded.nodes);
  const queues = classQueues(site);
  const excesses = quotaExcesses(built, classQuotas(queues));
  if (excesses.length > 0) {
    throw new KubernetesPlanError(excesses.map((e) => excessMessage(site.id, e)).join("\n"));
  }
  const cohort = cohortName(site);
  return {
    site: site.id,
    built,
    flavours: site.blueprints.map((b) => resourceFlavor(site.id, b.id)),
    clusterQueues: queues.map((q) => clusterQueue(site.id, cohort, q)),
    tenants: site.tenants.map((t) => ({ id: t.id, manifests: tenantManifests(site, t) })),
    ...(site.tenants.some((t) => t.rdma) ? { ipcLock: ipcLockPolicy() } : {}),
    gpuSoftware: gpuSoftware(site),
  };
}
