/**
 * Sizing of a storage fabric: an Ethernet leaf–spine (Clos) that carries compute nodes' storage
 * ports and the storage servers' ports.
 *
 * Assumptions, kept simple:
 * - Compute nodes and storage servers share one pool of leaf downlinks (DGX SuperPOD puts them on
 *   the same storage/in-band Ethernet fabric); ports all run at one speed.
 * - When any endpoint has two or more ports, leaves come in pairs so the ports of a dual-homed host
 *   land on two leaves (MLAG or EVPN multihoming): the leaf count is rounded up to even.
 * - Leaf, spine and core counts follow the same Clos rules as the compute fabric (`clos.ts`):
 *   2 tiers up to `radix` leaves, then spine groups of radix/2 consecutive leaves and a core tier.
 */
import { leafPorts, threeTier, twoTier } from "./clos";
import { checkInteger, checkName, checkOversubscription, checkRadix, DEFAULT_SWITCH_RADIX, fail } from "./options";
import type { TierSizing } from "./types";

/** What attaches to a storage fabric. */
export interface StorageFabricInput {
  /** Compute nodes with storage ports. */
  readonly computeNodes: number;
  /** Storage ports per compute node (the blueprint's `storagePorts`). @default 2 */
  readonly storagePortsPerNode?: number;
  /** Storage servers (file-system, object or block servers). */
  readonly storageServers: number;
  /** Ports per storage server. @default 2 */
  readonly portsPerStorageServer?: number;
  /** Ports per switch (Spectrum-4 SN5600: 64 × 800G). @default 64 */
  readonly switchRadix?: number;
  /** Leaf downlinks per uplink. @default 1 */
  readonly oversubscription?: number;
}

/** Switch and cable counts of a storage fabric. */
export interface StorageFabricSizing {
  readonly name: string;
  /** Compute-node ports plus storage-server ports. */
  readonly endpointPorts: number;
  readonly tiers: 2 | 3;
  readonly leafDownlinks: number;
  readonly leafUplinks: number;
  readonly leaf: TierSizing;
  readonly spine: TierSizing;
  readonly core: TierSizing;
  readonly cables: { readonly endpointLeaf: number; readonly leafSpine: number; readonly spineCore: number; readonly total: number };
  /** Leaf downlink ports ÷ uplink ports, as designed. */
  readonly oversubscription: number;
}

/** Sizes the storage fabric `name`. Throws on invalid input, naming the field. */
export function sizeStorageFabric(name: string, input: StorageFabricInput): StorageFabricSizing {
  checkName(name);
  const k = checkRadix(name, input.switchRadix ?? DEFAULT_SWITCH_RADIX);
  const oversubscription = checkOversubscription(name, input.oversubscription ?? 1);
  const nodes = checkInteger(name, "computeNodes", input.computeNodes, 0);
  const nodePorts = checkInteger(name, "storagePortsPerNode", input.storagePortsPerNode ?? 2, 0);
  const servers = checkInteger(name, "storageServers", input.storageServers, 0);
  const serverPorts = checkInteger(name, "portsPerStorageServer", input.portsPerStorageServer ?? 2, 1);
  const endpointPorts = nodes * nodePorts + servers * serverPorts;
  if (endpointPorts === 0) fail(name, "has no endpoint ports; give computeNodes with storagePortsPerNode, or storageServers");
  const { down, up } = leafPorts(k, oversubscription);
  const dualHomed = (nodes > 0 && nodePorts >= 2) || (servers > 0 && serverPorts >= 2);
  const minimum = Math.ceil(endpointPorts / down);
  const leaves = dualHomed ? minimum + (minimum % 2) : minimum;
  const shape = twoTier(leaves, up, k) ?? threeTier(Math.ceil(leaves / (k / 2)), Math.min(leaves, k / 2), up, k);
  if (shape === undefined) {
    fail(name, `needs ${leaves} leaves but a 3-tier Clos of switchRadix ${k} holds at most ${k * (k / 2)}; use a larger radix or split the fabric`);
  }
  const spines = shape.spineGroups * shape.spinesPerGroup;
  const cores = shape.corePlanes * shape.coresPerPlane;
  const leafSpine = leaves * up;
  const spineCore = shape.tiers === 3 ? spines * (k / 2) : 0;
  return {
    name,
    endpointPorts,
    tiers: shape.tiers,
    leafDownlinks: down,
    leafUplinks: up,
    leaf: { switches: leaves, portsProvisioned: leaves * k, portsUsed: endpointPorts + leafSpine },
    spine: { switches: spines, portsProvisioned: spines * k, portsUsed: leafSpine + spineCore },
    core: { switches: cores, portsProvisioned: cores * k, portsUsed: spineCore },
    cables: { endpointLeaf: endpointPorts, leafSpine, spineCore, total: endpointPorts + leafSpine + spineCore },
    oversubscription: down / up,
  };
}
