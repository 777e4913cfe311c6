/**
 * Fake nodes for the lab's and the tests' control plane: a `v1/Node` per ledger line that kwok
 * (sigs.k8s.io/kwok) manages in place of a kubelet. Pure; no Pulumi, no cluster.
 */
import { GPU_RESOURCE, gpuNodeTaint, nodeLabels, type NodeFacts, type Taint } from "./node-labels";

/** The annotation that marks a node as kwok's; kwok runs with the matching selector. */
export const KWOK_NODE_ANNOTATION = { key: "kwok.x-k8s.io/node", value: "fake" } as const;

/** The selector kwok is started with (`--manage-nodes-with-annotation-selector`). */
export const KWOK_NODE_SELECTOR = `${KWOK_NODE_ANNOTATION.key}=${KWOK_NODE_ANNOTATION.value}`;

/** What a fake node offers besides its GPUs; the inventory does not record CPUs or memory. */
export interface FakeNodeCapacity {
  /** CPU cores. @default "224" */
  readonly cpu?: string;
  /** Memory. @default "2Ti" */
  readonly memory?: string;
  /** Pods. @default "110" */
  readonly pods?: string;
}

/** A `v1/Node` as created through the API (kwok keeps its status afterwards). */
export interface NodeManifest {
  readonly apiVersion: "v1";
  readonly kind: "Node";
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly annotations: Readonly<Record<string, string>> };
  readonly spec: { readonly taints: readonly Taint[] };
  readonly status: { readonly capacity: Readonly<Record<string, string>>; readonly allocatable: Readonly<Record<string, string>> };
}

/** The fake node for one ledger line: its hostname, labels, its GPUs as `nvidia.com/gpu` capacity, and the SKU taint only Kueue-admitted pods tolerate. */
export function fakeNode(facts: NodeFacts, capacity: FakeNodeCapacity = {}): NodeManifest {
  const resources = {
    cpu: capacity.cpu ?? "224",
    memory: capacity.memory ?? "2Ti",
    pods: capacity.pods ?? "110",
    [GPU_RESOURCE]: String(facts.accelerators),
  };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: facts.hostname,
      labels: nodeLabels(facts) as Record<string, string>,
      annotations: { [KWOK_NODE_ANNOTATION.key]: KWOK_NODE_ANNOTATION.value },
    },
    spec: { taints: [gpuNodeTaint(facts.sku)] },
    status: { capacity: resources, allocatable: { ...resources } },
  };
}
