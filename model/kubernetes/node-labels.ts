/**
 * The labels and taint of a GPU node, one home: the fake nodes of the lab control plane and the
 * Kueue ResourceFlavors (which select nodes by them) import these keys.
 */

/** The node's blueprint (SKU) id from the inventory, e.g. `gb200-tray`. */
export const NODE_SKU_LABEL = "gigafactory.eu/sku";
/** The pool the node serves. */
export const NODE_POOL_LABEL = "gigafactory.eu/pool";
/** The node's rack name, e.g. `riga-1-h1-r001`. */
export const NODE_RACK_LABEL = "gigafactory.eu/rack";
/** The resource a GPU is requested as (the NVIDIA device plugin's). */
export const GPU_RESOURCE = "nvidia.com/gpu";

/** A node taint. */
export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: "NoSchedule";
}

/**
 * Every GPU node is tainted with its SKU, so only pods admitted by Kueue (which adds the flavour's
 * toleration) land on GPU nodes: a pod sent around the queues stays pending.
 */
export function gpuNodeTaint(sku: string): Taint {
  return { key: NODE_SKU_LABEL, value: sku, effect: "NoSchedule" };
}
