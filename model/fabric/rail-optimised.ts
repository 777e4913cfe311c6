/**
 * Sizing of a rail-optimised fat tree (the DGX SuperPOD compute fabric), InfiniBand or Ethernet.
 *
 * Layout rules (k = radix, d/u = a leaf's downlink/uplink ports, see `clos.ts`):
 * - Each node group gets its own scalable units (SUs) of `nodesPerScalableUnit` nodes, numbered
 *   across the fabric in the order the groups are given; a partly filled last SU is built whole
 *   (all its leaves and leaf–spine cables), as NVIDIA advises, so it can be filled later.
 * - Rail r of every node in an SU goes to that SU's rail-r leaf: one leaf per rail per SU, or
 *   ceil(nodesPerSU / d) leaves per rail when an SU has more nodes than a leaf has downlinks
 *   (a GB200 NVL72 SU of 144 trays at d = 32 takes 5 per rail). The n-th node of an SU takes
 *   downlink n of its leaf (the first d nodes the first leaf, and so on).
 * - At most k leaves: 2 tiers; every leaf reaches every spine over u / spines parallel links.
 * - Beyond: 3 tiers with rail-aligned spine groups. The leaves of each rail, SU by SU, are packed
 *   into spine groups of at most k/2 leaves (an SU's leaves of a rail never split across groups),
 *   so same-rail traffic between SUs turns at a spine and only cross-rail traffic climbs to a core.
 *
 * DGX SuperPOD H100/B200 at radix 64, 8 rails, 32 nodes per SU: 16 SUs = 128 leaves > 64, so
 * 3 tiers; each rail's 16 leaves form one group (≤ 32); spines per group = smallest divisor of 32
 * that is ≥ 16 × 32 / 32 = 16, so 8 × 16 = 128 spines; each core plane joins 8 groups, cores per
 * plane = smallest divisor of 32 ≥ 8 × 32 / 64 = 4, so 16 planes × 4 = 64 cores.
 */
import { threeTier, twoTier, type ClosShape } from "./clos";
import { fail, resolveGroups, resolveOptions, type ResolvedGroup, type ResolvedOptions } from "./options";
import type { FabricNodeGroup, FabricOptions, FabricSizing, GroupSizing } from "./types";
import { tierCounts } from "./tier-counts";

/** A node group placed on the fabric. */
export interface GroupLayout extends ResolvedGroup {
  readonly scalableUnits: number;
  /** 1-based. */
  readonly firstScalableUnit: number;
  readonly leavesPerRail: number;
  /** Index of the group's first leaf in fabric order. */
  readonly firstLeaf: number;
}

/** A spine group: its rail (3-tier; 0 when the build has 2 tiers) and its leaves in order. */
export interface SpineGroupLayout {
  readonly rail: number;
  readonly leaves: readonly number[];
}

/** Where every leaf and spine sits; the switch-config builder walks this. */
export interface FabricLayout {
  readonly name: string;
  readonly options: ResolvedOptions;
  readonly groups: readonly GroupLayout[];
  readonly leaves: number;
  readonly shape: ClosShape;
  readonly spineGroups: readonly SpineGroupLayout[];
}

/** Index of a leaf in fabric order: by SU, then rail, then slot (all 0-based here). */
export function leafIndex(group: GroupLayout, su: number, rail: number, slot: number): number {
  return group.firstLeaf + (su * group.rails + rail) * group.leavesPerRail + slot;
}

/** Places validated groups on the fabric and decides its shape. */
export function layoutFabric(name: string, options: ResolvedOptions, resolved: readonly ResolvedGroup[]): FabricLayout {
  const groups: GroupLayout[] = [];
  let su = 1;
  let leaf = 0;
  for (const g of resolved) {
    const scalableUnits = Math.ceil(g.nodes / g.nodesPerScalableUnit);
    const leavesPerRail = Math.ceil(g.nodesPerScalableUnit / options.leafDownlinks);
    groups.push({ ...g, scalableUnits, firstScalableUnit: su, leavesPerRail, firstLeaf: leaf });
    su += scalableUnits;
    leaf += scalableUnits * g.rails * leavesPerRail;
  }
  const k = options.switchRadix;
  const u = options.leafUplinks;
  const two = twoTier(leaf, u, k);
  if (two !== undefined) {
    return { name, options, groups, leaves: leaf, shape: two, spineGroups: [{ rail: 0, leaves: Array.from({ length: leaf }, (_, i) => i) }] };
  }
  const spineGroups = railSpineGroups(groups, k / 2);
  const largest = Math.max(...spineGroups.map((s) => s.leaves.length));
  const three = threeTier(spineGroups.length, largest, u, k);
  if (three === undefined) {
    const most = k * (k / 2) * options.leafDownlinks;
    fail(
      name,
      `needs ${spineGroups.length} spine groups (${leaf} leaves) but a 3-tier fat tree of switchRadix ${k} joins at most ${k} (${most} node ports); use a larger radix or split the fabric`,
    );
  }
  return { name, options, groups, leaves: leaf, shape: three, spineGroups };
}

/** Packs each rail's leaves, SU by SU, into spine groups of at most `capacity` leaves. */
function railSpineGroups(groups: readonly GroupLayout[], capacity: number): SpineGroupLayout[] {
  const out: SpineGroupLayout[] = [];
  const rails = Math.max(...groups.map((g) => g.rails));
  for (let r = 0; r < rails; r++) {
    let current: number[] = [];
    for (const g of groups) {
      if (g.rails <= r) continue;
      for (let s = 0; s < g.scalableUnits; s++) {
        if (current.length + g.leavesPerRail > capacity) {
          out.push({ rail: r + 1, leaves: current });
          current = [];
        }
        for (let z = 0; z < g.leavesPerRail; z++) current.push(leafIndex(g, s, r, z));
      }
    }
    if (current.length > 0) out.push({ rail: r + 1, leaves: current });
  }
  return out;
}

/** Switch, port and cable counts of a laid-out fabric with `nodePorts` cabled node rails. */
export function sizeLayout(layout: FabricLayout, nodes: number, nodePorts: number): FabricSizing {
  const { options: o, shape, leaves } = layout;
  const k = o.switchRadix;
  const spines = shape.spineGroups * shape.spinesPerGroup;
  const cores = shape.corePlanes * shape.coresPerPlane;
  const leafSpine = leaves * o.leafUplinks;
  const spineCore = shape.tiers === 3 ? spines * (k / 2) : 0;
  const groups = layout.groups.map((g): GroupSizing => ({
    nodes: g.nodes,
    rails: g.rails,
    railSpeedGbps: g.railSpeedGbps,
    nodesPerScalableUnit: g.nodesPerScalableUnit,
    scalableUnits: g.scalableUnits,
    firstScalableUnit: g.firstScalableUnit,
    leavesPerRailPerScalableUnit: g.leavesPerRail,
    leaves: g.scalableUnits * g.rails * g.leavesPerRail,
  }));
  const fastestRail = Math.max(...layout.groups.filter((g) => g.nodes > 0).map((g) => g.railSpeedGbps));
  return {
    name: layout.name,
    technology: o.technology,
    switchRadix: k,
    switchPortSpeedGbps: o.switchPortSpeedGbps,
    tiers: shape.tiers,
    nodes,
    scalableUnits: groups.reduce((n, g) => n + g.scalableUnits, 0),
    groups,
    leafDownlinks: o.leafDownlinks,
    leafUplinks: o.leafUplinks,
    spineGroups: shape.spineGroups,
    spinesPerGroup: shape.spinesPerGroup,
    linksPerLeafSpine: shape.linksPerLeafSpine,
    corePlanes: shape.corePlanes,
    coresPerPlane: shape.coresPerPlane,
    linksPerSpineCore: shape.linksPerSpineCore,
    ...tierCounts({ leaves, spines, cores, radix: k, nodePorts, leafSpine, spineCore }),
    oversubscription: o.leafDownlinks / o.leafUplinks,
    bandwidthOversubscription: (o.leafDownlinks * fastestRail) / (o.leafUplinks * o.switchPortSpeedGbps),
    maxNodePorts: (shape.tiers === 2 ? k : k * (k / 2)) * o.leafDownlinks,
  };
}

/**
 * Sizes the compute fabric `name` for node groups: scalable units, leaf/spine/core switches, ports
 * per tier, cables per tier and the oversubscription. Throws on invalid input, naming the field.
 */
export function sizeComputeFabric(name: string, groups: readonly FabricNodeGroup[], options: FabricOptions): FabricSizing {
  const resolvedOptions = resolveOptions(name, options);
  const resolved = resolveGroups(name, groups, resolvedOptions);
  const layout = layoutFabric(name, resolvedOptions, resolved);
  const nodes = resolved.reduce((n, g) => n + g.nodes, 0);
  const nodePorts = resolved.reduce((n, g) => n + g.nodes * g.rails, 0);
  return sizeLayout(layout, nodes, nodePorts);
}
