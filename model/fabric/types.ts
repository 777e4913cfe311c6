/**
 * Types of the fabric builders: what the caller hands in (node groups, hosts, options, Ethernet
 * addressing) and what comes back (sizing, per-switch configuration documents). Plain data only.
 */

/** Link technology of a fabric. Mirrors the inventory's `FabricTechnology` (the fabric arithmetic does not depend on the inventory; model imports only its schema types). */
export type FabricTechnology = "infiniband" | "ethernet";

/** Nodes of one SKU on the fabric: a pool, or a hall's nodes of one blueprint. */
export interface FabricNodeGroup {
  /** How many nodes. */
  readonly nodes: number;
  /** Compute-fabric ports per node, one per rail (8 for HGX/DGX B200/H100, 4 for a GB200 NVL72 tray). */
  readonly rails: number;
  /** Speed of each rail port. */
  readonly railSpeedGbps: number;
  /**
   * Nodes per scalable unit for this group (144 trays for a GB200 NVL72 SU of 8 racks).
   * @default the fabric's `nodesPerScalableUnit`
   */
  readonly nodesPerScalableUnit?: number;
}

/** One host on the fabric. */
export interface FabricHost {
  /** Hostname from the ledger, e.g. `riga-1-h1-r001-n01`. */
  readonly hostname: string;
  /**
   * Rails this host has cabled; rails 1..n are connected, the rest of its group's rails left empty.
   * @default its group's `rails`
   */
  readonly rails?: number;
}

/** A node group with its hosts in cabling order; the group's node count is `hosts.length`. */
export interface FabricHostGroup extends Omit<FabricNodeGroup, "nodes"> {
  /** Hosts in order: the n-th host of a scalable unit takes port n of its leaf on every rail. */
  readonly hosts: readonly FabricHost[];
}

/** How a compute fabric is built. */
export interface FabricOptions {
  /** InfiniBand (subnet manager, no IP underlay) or Ethernet (routed BGP underlay). */
  readonly technology: FabricTechnology;
  /**
   * Ports per switch at the rail speed: NDR QM9700 = 64 × 400G; Spectrum-4 SN5600 = 64 × 800G
   * (give 128 when its cages are split into 2 × 400G for 400G rails); Quantum-X800 Q3400 = 144 × 800G.
   * @default 64
   */
  readonly switchRadix?: number;
  /**
   * Speed of switch-to-switch links (leaf–spine, spine–core).
   * @default 400 for InfiniBand (NDR), 800 for Ethernet (Spectrum-4)
   */
  readonly switchPortSpeedGbps?: number;
  /**
   * Nodes per scalable unit for groups that do not set their own.
   * @default the leaf's downlink ports (32 at radix 64 non-blocking: the HGX/DGX SU)
   */
  readonly nodesPerScalableUnit?: number;
  /**
   * Leaf downlink ports per uplink port (1 = 1:1 non-blocking, 3 = 3:1). Spines and cores are
   * always non-blocking.
   * @default 1
   */
  readonly oversubscription?: number;
  /**
   * On a fabric wired for halls (`buildHallFabric`): the spine groups its core is built to join, its
   * reserve for halls and racks to come (a core port a group and plane).
   * @default the radix, the most a core joins
   */
  readonly coreSpineGroups?: number;
}

/** Addressing of an Ethernet fabric's routed underlay. */
export interface EthernetAddressing {
  /** Range cut into /31s, one per switch-to-switch link; the upper switch takes the even address. */
  readonly p2pCidr: string;
  /** Range giving each switch one /32 loopback, in switch order; omit for no loopbacks. */
  readonly loopbackCidr?: string;
  /**
   * First private 4-byte ASN (RFC 6996 range 4200000000–4294967294).
   * @default 4200000000
   */
  readonly asnBase?: number;
  /** VRFs configured on every leaf (tenant separation happens at the leaf). @default none */
  readonly leafVrfs?: readonly string[];
}

/** The switches of one tier and their ports. */
export interface TierSizing {
  readonly switches: number;
  /** switches × radix. */
  readonly portsProvisioned: number;
  /** Ports with a cable in them. */
  readonly portsUsed: number;
}

/** How one node group lands on the fabric. */
export interface GroupSizing {
  readonly nodes: number;
  readonly rails: number;
  readonly railSpeedGbps: number;
  readonly nodesPerScalableUnit: number;
  readonly scalableUnits: number;
  /** First scalable unit of the group, 1-based, counted across the fabric. */
  readonly firstScalableUnit: number;
  /** Leaves one rail of one SU needs: ceil(nodesPerScalableUnit / leaf downlinks). */
  readonly leavesPerRailPerScalableUnit: number;
  /** scalableUnits × rails × leavesPerRailPerScalableUnit. */
  readonly leaves: number;
}

/** Switch and cable counts of a rail-optimised fat tree. */
export interface FabricSizing {
  readonly name: string;
  readonly technology: FabricTechnology;
  readonly switchRadix: number;
  readonly switchPortSpeedGbps: number;
  /** 2 (leaf–spine) or 3 (leaf–spine–core). */
  readonly tiers: 2 | 3;
  readonly nodes: number;
  readonly scalableUnits: number;
  readonly groups: readonly GroupSizing[];
  /** Downlink (node-facing) ports per leaf. */
  readonly leafDownlinks: number;
  /** Uplink (spine-facing) ports per leaf. */
  readonly leafUplinks: number;
  /** Spine groups: 1 in a 2-tier build; in a 3-tier build one or more per rail. */
  readonly spineGroups: number;
  readonly spinesPerGroup: number;
  /** Parallel links between a leaf and each spine of its group. */
  readonly linksPerLeafSpine: number;
  /** Core planes (one per spine position in a group) and cores per plane; 0 in a 2-tier build. */
  readonly corePlanes: number;
  readonly coresPerPlane: number;
  /** Parallel links between a spine and each core of its plane; 0 in a 2-tier build. */
  readonly linksPerSpineCore: number;
  readonly leaf: TierSizing;
  readonly spine: TierSizing;
  readonly core: TierSizing;
  readonly cables: {
    readonly nodeLeaf: number;
    readonly leafSpine: number;
    readonly spineCore: number;
    readonly total: number;
  };
  /** Leaf downlink ports ÷ uplink ports, as designed (1 = non-blocking). */
  readonly oversubscription: number;
  /** Worst leaf's downlink Gb/s ÷ uplink Gb/s, as designed (below 1 when uplinks are faster than rails). */
  readonly bandwidthOversubscription: number;
  /** Most node ports a build of this many tiers and this radix can take. */
  readonly maxNodePorts: number;
}

/** What is at the far end of a switch port. */
export interface PortNeighbour {
  readonly kind: "node" | "switch";
  readonly name: string;
  /** The switch's port number, or the node's rail number (1-based). */
  readonly port: number;
}

/** One cabled switch port. */
export interface SwitchPort {
  /** 1-based; on a leaf 1..downlinks face nodes, the rest face spines; on a 3-tier spine the lower half faces leaves. */
  readonly port: number;
  readonly speedGbps: number;
  readonly neighbour: PortNeighbour;
  /** `a.b.c.d/31` on Ethernet switch-to-switch links. */
  readonly address?: string;
}

/** Role of a switch in the fabric. */
export type SwitchRole = "leaf" | "spine" | "core";

/** The configuration of one switch, as data. */
export interface SwitchConfig {
  /** `${fabric}-su01-rail3-leaf`, `${fabric}-spine07`, `${fabric}-core01`. */
  readonly name: string;
  readonly role: SwitchRole;
  readonly fabric: string;
  readonly technology: FabricTechnology;
  /** Hall of a leaf or spine on a fabric wired for growth (`growth: halls`). */
  readonly hall?: string;
  /** Scalable unit of a leaf, 1-based (within its hall on a fabric wired for growth). */
  readonly su?: number;
  /** Rail of a leaf, and of a 3-tier spine (spine groups are rail-aligned), 1-based. */
  readonly rail?: number;
  /** Spine group of a leaf or spine in a 3-tier build, 1-based. */
  readonly spineGroup?: number;
  /** Core plane of a spine or core in a 3-tier build, 1-based. */
  readonly plane?: number;
  /** Cabled ports in ascending order; uncabled ports are left out. */
  readonly ports: readonly SwitchPort[];
  /** `a.b.c.d/32` (Ethernet, when a loopback range is given). */
  readonly loopback?: string;
  /** BGP underlay ASN (Ethernet). */
  readonly asn?: number;
  readonly vlans?: readonly number[];
  readonly vrfs?: readonly string[];
}

/** A compute fabric: its sizing and every switch's configuration. */
export interface ComputeFabric {
  readonly sizing: FabricSizing;
  /** Leaves (by SU, rail, slot), then spines (by group), then cores (by plane). */
  readonly switches: readonly SwitchConfig[];
}
