/**
 * Kueue's objects for a site, as plain manifests: a ResourceFlavor per GPU blueprint, a
 * ClusterQueue per tenant class (all in one cohort) and a LocalQueue per tenant namespace.
 *
 * Kueue v0.17 serves `kueue.x-k8s.io/v1beta1` and `v1beta2` and stores `v1beta2` (since v0.16;
 * v1beta1 is to go in v0.18), so the layer writes v1beta2. Field names as in Kueue v0.17.0's
 * `apis/kueue/v1beta2` (clusterqueue_types.go, resourceflavor_types.go, localqueue_types.go).
 */
import type { ClassQueue } from "../../inventory/schema/queues";
import type { Site } from "../../inventory/schema/site";
import type { TenantClass } from "../../inventory/schema/workload";
import { SITE_LABEL, TENANT_CLASS_LABEL } from "./labels";
import { GPU_RESOURCE, gpuNodeTaint, NODE_LABELS } from "./node-labels";

/** The Kueue API version the layer writes. */
export const KUEUE_API_VERSION = "kueue.x-k8s.io/v1beta2";
/** The name of every tenant's LocalQueue: a Job joins it with the label `kueue.x-k8s.io/queue-name: gpus`. */
export const LOCAL_QUEUE_NAME = "gpus";
/** The label a workload names its LocalQueue with. */
export const QUEUE_NAME_LABEL = "kueue.x-k8s.io/queue-name";
/**
 * The ClusterQueues cover GPUs only: CPU and memory are bounded per tenant by its namespace's
 * ResourceQuota. Kueue refuses a workload that requests a resource no ClusterQueue covers, so its
 * configuration must exclude these prefixes (`resources.excludeResourcePrefixes`).
 */
export const KUEUE_EXCLUDED_RESOURCE_PREFIXES = ["cpu", "memory", "ephemeral-storage", "pods", "hugepages-"] as const;

/** A Kubernetes object as the layer writes it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  /** `spec`, or a kind's own top-level fields (a RoleBinding's `roleRef` and `subjects`). */
  readonly [field: string]: unknown;
}

/** The cohort of a site's ClusterQueues: `site.queues.cohort`, else `<site>-gpus`. */
export function cohortName(site: Pick<Site, "id" | "queues">): string {
  return site.queues?.cohort ?? `${site.id}-gpus`;
}

/** The ClusterQueue of a tenant class. */
export function clusterQueueName(cls: TenantClass): string {
  return `tenants-${cls}`;
}

/**
 * A blueprint's ResourceFlavor: its nodes carry the SKU label and taint; Kueue adds the matching
 * toleration to the pods it admits on the flavour, so only queued work reaches GPU nodes.
 */
export function resourceFlavor(siteId: string, blueprint: string): Manifest {
  const taint = gpuNodeTaint(blueprint);
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: "ResourceFlavor",
    metadata: { name: blueprint, labels: { [SITE_LABEL]: siteId } },
    spec: {
      nodeLabels: { [NODE_LABELS.sku]: blueprint },
      nodeTaints: [taint],
      tolerations: [{ key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect }],
    },
  };
}

/** A whole-GPU quantity. */
function gpus(n: number): string {
  return String(n);
}

/**
 * A tenant class's ClusterQueue. It admits workloads from the namespaces of its class; preemption:
 * a class reclaims the quota it lent from any borrower (`reclaimWithinCohort: Any`) and, inside
 * the class, a higher priority preempts a lower one. Borrowing follows fair sharing by `weight`.
 */
export function clusterQueue(siteId: string, cohort: string, queue: ClassQueue): Manifest {
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: "ClusterQueue",
    metadata: { name: clusterQueueName(queue.class), labels: { [SITE_LABEL]: siteId, [TENANT_CLASS_LABEL]: queue.class } },
    spec: {
      cohortName: cohort,
      namespaceSelector: { matchLabels: { [TENANT_CLASS_LABEL]: queue.class } },
      queueingStrategy: "BestEffortFIFO",
      resourceGroups: [
        {
          coveredResources: [GPU_RESOURCE],
          flavors: queue.quotas.map((q) => ({
            name: q.blueprint,
            resources: [
              {
                name: GPU_RESOURCE,
                nominalQuota: gpus(q.gpus),
                ...(q.borrowingLimit !== undefined ? { borrowingLimit: gpus(q.borrowingLimit) } : {}),
                ...(q.lendingLimit !== undefined ? { lendingLimit: gpus(q.lendingLimit) } : {}),
              },
            ],
          })),
        },
      ],
      preemption: { reclaimWithinCohort: "Any", withinClusterQueue: "LowerPriority" },
      fairSharing: { weight: String(queue.weight) },
    },
  };
}

/** A tenant's LocalQueue, in its namespace, pointing at its class's ClusterQueue. */
export function localQueue(siteId: string, tenant: string, cls: TenantClass): Manifest {
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: "LocalQueue",
    metadata: { name: LOCAL_QUEUE_NAME, namespace: tenant, labels: { [SITE_LABEL]: siteId } },
    spec: { clusterQueue: clusterQueueName(cls) },
  };
}
