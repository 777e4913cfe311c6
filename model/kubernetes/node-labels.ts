/**
 * The labels and extended resource every GPU node of the Kubernetes layer carries, derived from
 * the inventory: one home for the keys, which the node builder (fake nodes for the lab and the
 * tests) and the Kueue `ResourceFlavor`s select on. Pure; no Pulumi.
 */

/** The extended resource a node's GPUs are counted in (NVIDIA device plugin / GPU Operator). */
export const GPU_RESOURCE = "nvidia.com/gpu";

/** Prefix of the project's own label keys. */
export const LABEL_PREFIX = "gigafactory.eu";

/** Label keys of a GPU node, by meaning. */
export const NODE_LABELS = {
  /** Hostname from the ledger (well-known key, set by the kubelet on real nodes). */
  hostname: "kubernetes.io/hostname",
  /** The site (well-known topology key): `riga-1`. */
  region: "topology.kubernetes.io/region",
  /** The hall (well-known topology key): `h1`. */
  zone: "topology.kubernetes.io/zone",
  /** The site id: `riga-1`. */
  site: `${LABEL_PREFIX}/site`,
  /** The hall id: `h1`. */
  hall: `${LABEL_PREFIX}/hall`,
  /** The rack's name, unique in the fleet: `riga-1-h1-r001`. */
  rack: `${LABEL_PREFIX}/rack`,
  /** The node SKU: the blueprint id, `gb200-tray`. One `ResourceFlavor` per value. */
  sku: `${LABEL_PREFIX}/sku`,
  /** The accelerator model: `B200`. */
  accelerator: `${LABEL_PREFIX}/accelerator`,
  /** Compute-fabric rails of the node (one NIC port per rail): `4`. */
  rails: `${LABEL_PREFIX}/rails`,
  /** The NVLink domain the node's GPUs belong to: the rack's name (GB200 NVL72) or the hostname (HGX). */
  nvlinkDomain: `${LABEL_PREFIX}/nvlink-domain`,
  /** The GPU pool that claims the node, when one does: `research-gb200`. */
  pool: `${LABEL_PREFIX}/pool`,
  /** The tenant class of the node's pool, when one claims it: `startup`, `sme`, `research`. */
  tenantClass: `${LABEL_PREFIX}/tenant-class`,
  /** The role the OS bootstrap configured the node for: `gpu-worker`, `storage`, `control-plane` (set by the node's kubelet). */
  role: `${LABEL_PREFIX}/node-role`,
} as const;

/** A node label key. */
export type NodeLabelKey = (typeof NODE_LABELS)[keyof typeof NODE_LABELS];

/** What one node's labels are made of: a line of the ledger with its rack and blueprint resolved. */
export interface NodeFacts {
  /** `riga-1-h1-r001-n01`. */
  readonly hostname: string;
  readonly site: string;
  readonly hall: string;
  /** The rack's fleet-wide name, `riga-1-h1-r001`. */
  readonly rackName: string;
  /** Blueprint id. */
  readonly sku: string;
  /** Accelerator model, `B200`. */
  readonly acceleratorModel: string;
  /** GPUs in the node. */
  readonly accelerators: number;
  readonly rails: number;
  /** What one NVLink domain spans. */
  readonly nvlinkDomain: "node" | "rack";
  readonly pool?: string;
  readonly tenantClass?: string;
}

/** A valid label value: at most 63 characters, alphanumerics with `-`, `_`, `.` inside (Kubernetes' rule). */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/** Whether `value` may be a label value. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/** The NVLink domain a node belongs to: the rack for rack-scale systems, else the node itself. */
export function nvlinkDomainOf(facts: Pick<NodeFacts, "hostname" | "rackName" | "nvlinkDomain">): string {
  return facts.nvlinkDomain === "rack" ? facts.rackName : facts.hostname;
}

/**
 * The labels of a node, keys in a fixed order. Throws, naming the node and the field, when a value
 * cannot be a label value.
 */
export function nodeLabels(facts: NodeFacts): Readonly<Partial<Record<NodeLabelKey, string>>> {
  const labels: Partial<Record<NodeLabelKey, string>> = {
    [NODE_LABELS.hostname]: facts.hostname,
    [NODE_LABELS.region]: facts.site,
    [NODE_LABELS.zone]: facts.hall,
    [NODE_LABELS.site]: facts.site,
    [NODE_LABELS.hall]: facts.hall,
    [NODE_LABELS.rack]: facts.rackName,
    [NODE_LABELS.sku]: facts.sku,
    [NODE_LABELS.accelerator]: facts.acceleratorModel,
    [NODE_LABELS.rails]: String(facts.rails),
    [NODE_LABELS.nvlinkDomain]: nvlinkDomainOf(facts),
  };
  if (facts.pool !== undefined) labels[NODE_LABELS.pool] = facts.pool;
  if (facts.tenantClass !== undefined) labels[NODE_LABELS.tenantClass] = facts.tenantClass;
  for (const [key, value] of Object.entries(labels) as [string, string][]) {
    if (!isLabelValue(value))
      throw new Error(
        `node [${facts.hostname}] label ${key} should be a label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends); got "${value}"`,
      );
  }
  return labels;
}

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
  return { key: NODE_LABELS.sku, value: sku, effect: "NoSchedule" };
}

/** kubeadm's taint of control-plane nodes (its own key; a kubelet may not label itself `node-role.kubernetes.io/*`). */
export const CONTROL_PLANE_TAINT: Taint = { key: "node-role.kubernetes.io/control-plane", value: "", effect: "NoSchedule" };

/**
 * The taints a node registers with, by role: a GPU worker its SKU's ({@link gpuNodeTaint}), a
 * storage node its role's (only storage daemons tolerate it), a control-plane node kubeadm's.
 */
export function roleTaints(role: "gpu-worker" | "storage" | "control-plane", sku: string): Taint[] {
  if (role === "gpu-worker") return [gpuNodeTaint(sku)];
  if (role === "storage") return [{ key: NODE_LABELS.role, value: role, effect: "NoSchedule" }];
  return [CONTROL_PLANE_TAINT];
}
