/**
 * A compute fabric wired for growth (`growth: halls`): every switch's name, ports, cabling,
 * address and shard derive from its hall and position, never from counts elsewhere in the fabric,
 * so that appending racks to a hall, or halls to the site, only adds switches, ports and cables.
 *
 * Geometry (k = radix, d/u = a leaf's downlinks/uplinks, h = k/2; always 3 tiers):
 * - A hall is a pod of one node SKU. A node's position in its hall comes from its rack number and
 *   its place in the rack, as its name and addresses do. Rail r of the nodes at positions
 *   b·d … b·d + d − 1 goes to leaf b of rail r, node i of them to downlink i + 1 (rail-optimised:
 *   a leaf serves one rail). Leaves are built up to the last occupied position.
 * - Spine groups are rail-aligned inside a hall: group c of rail r holds that rail's leaves
 *   c·h … c·h + h − 1, leaf q of the group on port q + 1 of each of its u spines (one link from each
 *   leaf to each spine). A group is built whole as soon as it has a leaf: the spine ports of leaves
 *   not yet racked are its reserve.
 * - Spine j of every group belongs to core plane j. The core is sized for `coreSpineGroups` spine
 *   groups (default: the radix, the most a core joins): with m links per spine–core pair (the
 *   largest divisor of h with m × groups ≤ k) a plane has h / m cores, spine uplink t (port
 *   h + 1 + t) goes to core ⌊t / m⌋, and core ports s·m + 1 … (s + 1)·m face the group in core slot s.
 *   At the default, m = 1 and u × h cores (1,024 at radix 64) join 64 groups; 32 groups take half.
 * - Core slots go to halls in the order given (the program orders them by hall number), each hall
 *   holding rail-major `rails × ⌈⌈reserved positions / d⌉ / h⌉` slots. A hall's reserve
 *   (`positions`, in the inventory `halls[].fabricRacks`) keeps later halls' slots in place as it grows.
 * - Ethernet: /31s, loopbacks and ASNs are numbered by core slot and place, in a space sized for
 *   the full core (k groups), so no address moves either.
 */
import { coreShard, DEFAULT_SWITCHES_PER_SHARD, hallSwitchShard } from "../shards";
import { planUnderlay, type Underlay } from "./ethernet-underlay";
import { fail, resolveOptions, type ResolvedOptions } from "./options";
import type { ComputeFabric, EthernetAddressing, FabricOptions, FabricSizing, GroupSizing, SwitchConfig, SwitchPort } from "./types";
import { tierCounts } from "./tier-counts";

/** A node on a hall fabric: its hostname and its 0-based position in its hall. */
export interface HallHost {
  readonly hostname: string;
  /** 0-based place in the hall: (rack number − 1) × nodes per rack + place in the rack. */
  readonly position: number;
  /** Rails cabled; @default the hall's `rails`. */
  readonly rails?: number;
}

/** One hall of a fabric wired for growth: a pod of one SKU. */
export interface HallGroup {
  /** Hall id, e.g. `h1`: prefixes its switch names. */
  readonly hall: string;
  readonly rails: number;
  readonly railSpeedGbps: number;
  /**
   * Nodes per scalable unit, for the `su` a leaf reports and the sizing's SU count only.
   * @default the fabric's `nodesPerScalableUnit`
   */
  readonly nodesPerScalableUnit?: number;
  /**
   * Node positions the hall's spine groups and core slots are reserved for.
   * @default those up to its last node now (growth past the last whole spine group then moves later halls' core ports)
   */
  readonly positions?: number;
  readonly hosts: readonly HallHost[];
}

/** A hall placed on the fabric. */
interface HallLayout {
  readonly hall: string;
  readonly rails: number;
  readonly railSpeedGbps: number;
  readonly perSu: number;
  /** Leaves per rail, up to the last occupied position. */
  readonly leavesPerRail: number;
  readonly groupsPerRail: number;
  /** First core slot of the hall; its slots are rail-major: firstSlot + rail × reservedGroupsPerRail + group. */
  readonly firstSlot: number;
  readonly reservedGroupsPerRail: number;
  readonly hosts: readonly HallHost[];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => String(n).padStart(3, "0");

/** `${fabric}-h1-rail3-leaf007`: leaf 7 of rail 3 of hall h1. */
export function hallLeafName(fabric: string, hall: string, rail: number, leaf: number): string {
  return `${fabric}-${hall}-rail${rail}-leaf${pad3(leaf)}`;
}

/** `${fabric}-h1-rail3-g2-spine07`: spine 7 of spine group 2 of rail 3 of hall h1. */
export function hallSpineName(fabric: string, hall: string, rail: number, group: number, plane: number): string {
  return `${fabric}-${hall}-rail${rail}-g${group}-spine${pad2(plane)}`;
}

/** `${fabric}-plane07-core03`. */
export function hallCoreName(fabric: string, plane: number, core: number): string {
  return `${fabric}-plane${pad2(plane)}-core${pad2(core)}`;
}

/** Checks one hall's fields; returns its SU size and the position after its last node. */
function checkHall(name: string, o: ResolvedOptions, g: HallGroup): { perSu: number; extent: number } {
  const at = `hall [${g.hall}]`;
  if (!Number.isInteger(g.rails) || g.rails < 1) fail(name, `${at} rails ${String(g.rails)} should be a positive integer`);
  if (!(g.railSpeedGbps > 0) || g.railSpeedGbps > o.switchPortSpeedGbps) {
    fail(name, `${at} railSpeedGbps ${String(g.railSpeedGbps)} should be positive and at most the switch ports' ${o.switchPortSpeedGbps}`);
  }
  const perSu = g.nodesPerScalableUnit ?? o.nodesPerScalableUnit;
  if (!Number.isInteger(perSu) || perSu < 1) fail(name, `${at} nodesPerScalableUnit ${String(perSu)} should be a positive integer`);
  let extent = 0;
  for (const host of g.hosts) {
    if (!Number.isInteger(host.position) || host.position < 0) fail(name, `node [${host.hostname}] position ${String(host.position)} should be a whole number`);
    extent = Math.max(extent, host.position + 1);
  }
  const reserved = g.positions ?? extent;
  if (!Number.isInteger(reserved) || reserved < extent) {
    fail(name, `${at} has nodes up to position ${extent - 1} but its compute fabric is wired for ${String(reserved)} positions`);
  }
  return { perSu, extent };
}

/** The core of a fabric wired for halls: links per spine–core pair, cores per plane, spine groups it joins. */
interface CoreShape {
  readonly linksPerSpineCore: number;
  readonly coresPerPlane: number;
  readonly spineGroups: number;
}

/**
 * The core for `spineGroups` spine groups (at most the radix): the most parallel links m per
 * spine–core pair (a divisor of h) that still leaves k / m ≥ spineGroups core ports a plane.
 */
export function coreShape(name: string, radix: number, spineGroups: number): CoreShape {
  if (!Number.isInteger(spineGroups) || spineGroups < 1 || spineGroups > radix) {
    fail(name, `coreSpineGroups ${String(spineGroups)} should be an integer between 1 and the switchRadix ${radix} (a core port a spine group)`);
  }
  const h = radix / 2;
  let m = 1;
  for (let d = 1; d <= h; d++) if (h % d === 0 && d * spineGroups <= radix) m = d;
  return { linksPerSpineCore: m, coresPerPlane: h / m, spineGroups: Math.floor(radix / m) };
}

/** Validates the halls and places them: leaves, spine groups and core slots. */
function layoutHalls(name: string, o: ResolvedOptions, halls: readonly HallGroup[], core: CoreShape): HallLayout[] {
  if (!Array.isArray(halls) || halls.length === 0) fail(name, "has no halls; give at least one");
  const h = o.switchRadix / 2;
  const seen = new Set<string>();
  let slot = 0;
  const out = halls.map((g): HallLayout => {
    if (seen.has(g.hall)) fail(name, `hall [${g.hall}] appears twice; a hall is one pod of one SKU`);
    seen.add(g.hall);
    const { perSu, extent } = checkHall(name, o, g);
    const leavesPerRail = Math.ceil(extent / o.leafDownlinks);
    const reservedGroupsPerRail = Math.ceil(Math.ceil((g.positions ?? extent) / o.leafDownlinks) / h);
    const layout: HallLayout = {
      hall: g.hall,
      rails: g.rails,
      railSpeedGbps: g.railSpeedGbps,
      perSu,
      leavesPerRail,
      groupsPerRail: Math.ceil(leavesPerRail / h),
      firstSlot: slot,
      reservedGroupsPerRail,
      hosts: g.hosts,
    };
    slot += g.rails * reservedGroupsPerRail;
    return layout;
  });
  if (slot > core.spineGroups) {
    const most =
      core.spineGroups === o.switchRadix
        ? `a core of switchRadix ${o.switchRadix} joins at most ${o.switchRadix}`
        : `its core is wired for ${core.spineGroups} (coreSpineGroups)`;
    fail(name, `reserves ${slot} spine groups but ${most}; use a larger radix or a fabric per hall`);
  }
  return out;
}

/** What the renderers read. */
interface HallRender {
  readonly name: string;
  readonly o: ResolvedOptions;
  readonly halls: readonly HallLayout[];
  readonly underlay: Underlay | undefined;
  readonly wanted: SwitchFilter;
  readonly switchesPerShard: number;
  readonly core: CoreShape;
  /** Names already made, by hall, rail and group (a fabric of 20,000 nodes names some 200,000 port neighbours). */
  readonly names: Map<string, readonly string[]>;
}

/** The names of the u spines of group `group` of rail `rail` (0-based) of a hall, made once. */
function spineNames(r: HallRender, hall: string, rail: number, group: number): readonly string[] {
  const key = `s/${hall}/${rail}/${group}`;
  let names = r.names.get(key);
  if (names === undefined)
    r.names.set(key, (names = Array.from({ length: r.o.leafUplinks }, (_, j) => hallSpineName(r.name, hall, rail + 1, group + 1, j + 1))));
  return names;
}

/** The names of the h leaves of group `group` of rail `rail` (0-based) of a hall, made once. */
function leafNames(r: HallRender, hall: string, rail: number, group: number): readonly string[] {
  const key = `l/${hall}/${rail}/${group}`;
  const h = r.o.switchRadix / 2;
  let names = r.names.get(key);
  if (names === undefined) r.names.set(key, (names = Array.from({ length: h }, (_, q) => hallLeafName(r.name, hall, rail + 1, group * h + q + 1))));
  return names;
}

/** The names of the h cores of plane `plane` (0-based), made once. */
function coreNames(r: HallRender, plane: number): readonly string[] {
  const key = `c/${plane}`;
  let names = r.names.get(key);
  if (names === undefined) r.names.set(key, (names = Array.from({ length: r.core.coresPerPlane }, (_, c) => hallCoreName(r.name, plane + 1, c + 1))));
  return names;
}

/** Spine groups (of every rail) per fabric shard of a hall: as many as fit `switchesPerShard`, at least one. */
const groupsPerShard = (r: HallRender, hall: HallLayout): number =>
  Math.max(1, Math.floor(r.switchesPerShard / (hall.rails * (r.o.switchRadix / 2 + r.o.leafUplinks))));

/** Ethernet numbering spaces, sized for the full core: k slots of h leaves and u spines. */
const leafOrdinal = (r: HallRender, slot: number, position: number): number => slot * (r.o.switchRadix / 2) + position;
const spineOrdinal = (r: HallRender, slot: number, plane: number): number => slot * r.o.leafUplinks + plane;
const leafSpineLinks = (r: HallRender): number => r.o.switchRadix * (r.o.switchRadix / 2) * r.o.leafUplinks;

function port(r: HallRender, n: number, neighbour: { kind: "switch"; name: string; port: number }, link: number, upper: boolean): SwitchPort {
  const speedGbps = r.o.switchPortSpeedGbps;
  if (r.underlay === undefined) return { port: n, speedGbps, neighbour };
  return { port: n, speedGbps, neighbour, address: upper ? r.underlay.upper(link) : r.underlay.lower(link) };
}

function underlayOf(r: HallRender, doc: SwitchConfig, loopback: number, asn: number, vrfs?: readonly string[]): SwitchConfig {
  if (r.underlay === undefined) return doc;
  const lo = r.underlay.loopback(loopback);
  return { ...doc, ...(lo !== undefined ? { loopback: lo } : {}), asn, ...(vrfs !== undefined ? { vrfs } : {}) };
}

/** Core slot of group `group` of rail `rail` (0-based) of a hall. */
const slotOf = (hall: HallLayout, rail: number, group: number): number => hall.firstSlot + rail * hall.reservedGroupsPerRail + group;

/** Every leaf of a hall, rail by rail: downlinks to its d positions, uplink t to spine t + 1 of its group. */
function hallLeaves(r: HallRender, hall: HallLayout): SwitchConfig[] {
  const { name, o } = r;
  const h = o.switchRadix / 2;
  const byPosition = new Map<number, HallHost>();
  for (const host of hall.hosts) {
    if (byPosition.has(host.position)) fail(name, `node [${host.hostname}] has the position of node [${byPosition.get(host.position)!.hostname}]`);
    byPosition.set(host.position, host);
  }
  const out: SwitchConfig[] = [];
  for (let rail = 0; rail < hall.rails; rail++) {
    for (let b = 0; b < hall.leavesPerRail; b++) {
      const group = Math.floor(b / h);
      if (!r.wanted(hallSwitchShard(hall.hall, Math.floor(group / groupsPerShard(r, hall))))) continue;
      const ordinal = leafOrdinal(r, slotOf(hall, rail, group), b % h);
      const ports: SwitchPort[] = [];
      for (let i = 0; i < o.leafDownlinks; i++) {
        const host = byPosition.get(b * o.leafDownlinks + i);
        if (host !== undefined && (host.rails ?? hall.rails) > rail) {
          ports.push({ port: i + 1, speedGbps: hall.railSpeedGbps, neighbour: { kind: "node", name: host.hostname, port: rail + 1 } });
        }
      }
      for (let t = 0; t < o.leafUplinks; t++) {
        const spine = spineNames(r, hall.hall, rail, group)[t]!;
        ports.push(port(r, o.leafDownlinks + t + 1, { kind: "switch", name: spine, port: (b % h) + 1 }, ordinal * o.leafUplinks + t, false));
      }
      const su = Math.floor((b * o.leafDownlinks) / hall.perSu) + 1;
      const doc: SwitchConfig = {
        name: hallLeafName(name, hall.hall, rail + 1, b + 1),
        role: "leaf",
        fabric: name,
        technology: o.technology,
        hall: hall.hall,
        su,
        rail: rail + 1,
        spineGroup: group + 1,
        ports,
      };
      out.push(underlayOf(r, doc, ordinal, r.underlay?.leafAsn(ordinal) ?? 0, r.underlay?.leafVrfs));
    }
  }
  return out;
}

/** Every spine of a hall, group by group: ports 1..h to the group's leaves, h+1..k to the cores of its plane. */
function hallSpines(r: HallRender, hall: HallLayout): SwitchConfig[] {
  const { name, o } = r;
  const h = o.switchRadix / 2;
  const out: SwitchConfig[] = [];
  for (let rail = 0; rail < hall.rails; rail++) {
    for (let group = 0; group < hall.groupsPerRail; group++) {
      const slot = slotOf(hall, rail, group);
      const leaves = Math.min(h, hall.leavesPerRail - group * h);
      if (!r.wanted(hallSwitchShard(hall.hall, Math.floor(group / groupsPerShard(r, hall))))) continue;
      for (let plane = 0; plane < o.leafUplinks; plane++) {
        const spine = spineNames(r, hall.hall, rail, group)[plane]!;
        const ports: SwitchPort[] = [];
        for (let position = 0; position < leaves; position++) {
          const leaf = leafNames(r, hall.hall, rail, group)[position]!;
          const link = leafOrdinal(r, slot, position) * o.leafUplinks + plane;
          ports.push(port(r, position + 1, { kind: "switch", name: leaf, port: o.leafDownlinks + plane + 1 }, link, true));
        }
        const ordinal = spineOrdinal(r, slot, plane);
        const m = r.core.linksPerSpineCore;
        for (let t = 0; t < h; t++) {
          const core = { kind: "switch", name: coreNames(r, plane)[Math.floor(t / m)]!, port: slot * m + (t % m) + 1 } as const;
          ports.push(port(r, h + t + 1, core, leafSpineLinks(r) + ordinal * h + t, false));
        }
        const doc: SwitchConfig = {
          name: spine,
          role: "spine",
          fabric: name,
          technology: o.technology,
          hall: hall.hall,
          rail: rail + 1,
          spineGroup: group + 1,
          plane: plane + 1,
          ports,
        };
        out.push(underlayOf(r, doc, r.o.switchRadix * h + ordinal, r.underlay?.spineAsn(slot) ?? 0));
      }
    }
  }
  return out;
}

/** Every core: ports s·m + 1 … (s + 1)·m face the spine of its plane in the group of core slot s. */
function hallCores(r: HallRender): SwitchConfig[] {
  const { name, o } = r;
  const h = o.switchRadix / 2;
  const groups: { hall: HallLayout; rail: number; group: number; slot: number }[] = [];
  for (const hall of r.halls) {
    for (let rail = 0; rail < hall.rails; rail++)
      for (let group = 0; group < hall.groupsPerRail; group++) groups.push({ hall, rail, group, slot: slotOf(hall, rail, group) });
  }
  groups.sort((a, b) => a.slot - b.slot);
  const out: SwitchConfig[] = [];
  const { linksPerSpineCore: m, coresPerPlane } = r.core;
  for (let plane = 0; plane < o.leafUplinks; plane++) {
    for (let c = 0; c < coresPerPlane; c++) {
      const core = coreNames(r, plane)[c]!;
      if (!r.wanted(coreShard(plane * coresPerPlane + c, r.switchesPerShard))) continue;
      const ports = groups.flatMap(({ hall, rail, group, slot }) => {
        const spine = spineNames(r, hall.hall, rail, group)[plane]!;
        return Array.from({ length: m }, (_, l) => {
          const t = c * m + l;
          return port(r, slot * m + l + 1, { kind: "switch", name: spine, port: h + t + 1 }, leafSpineLinks(r) + spineOrdinal(r, slot, plane) * h + t, true);
        });
      });
      const doc: SwitchConfig = { name: core, role: "core", fabric: name, technology: o.technology, plane: plane + 1, ports };
      out.push(underlayOf(r, doc, o.switchRadix * h + o.switchRadix * o.leafUplinks + plane * h + c, r.underlay?.coreAsn ?? 0));
    }
  }
  return out;
}

/** Switch, port and cable counts of the halls as laid out. */
function sizeHalls(name: string, o: ResolvedOptions, halls: readonly HallLayout[], core: CoreShape): FabricSizing {
  const k = o.switchRadix;
  const h = k / 2;
  let leaves = 0;
  let spineGroups = 0;
  let nodes = 0;
  let nodePorts = 0;
  let leafSpine = 0;
  let firstSu = 1;
  const groups = halls.map((hall): GroupSizing => {
    const hallLeaves = hall.rails * hall.leavesPerRail;
    const extent = hall.hosts.reduce((n, x) => Math.max(n, x.position + 1), 0);
    const scalableUnits = Math.ceil(extent / hall.perSu);
    leaves += hallLeaves;
    spineGroups += hall.rails * hall.groupsPerRail;
    nodes += hall.hosts.length;
    for (const host of hall.hosts) nodePorts += host.rails ?? hall.rails;
    leafSpine += hallLeaves * o.leafUplinks;
    const g = {
      nodes: hall.hosts.length,
      rails: hall.rails,
      railSpeedGbps: hall.railSpeedGbps,
      nodesPerScalableUnit: hall.perSu,
      scalableUnits,
    };
    const out = { ...g, firstScalableUnit: firstSu, leavesPerRailPerScalableUnit: Math.ceil(hall.perSu / o.leafDownlinks), leaves: hallLeaves };
    firstSu += scalableUnits;
    return out;
  });
  const spines = spineGroups * o.leafUplinks;
  const cores = o.leafUplinks * core.coresPerPlane;
  const spineCore = spines * h;
  const fastestRail = Math.max(...halls.map((x) => x.railSpeedGbps));
  return {
    name,
    technology: o.technology,
    switchRadix: k,
    switchPortSpeedGbps: o.switchPortSpeedGbps,
    tiers: 3,
    nodes,
    scalableUnits: firstSu - 1,
    groups,
    leafDownlinks: o.leafDownlinks,
    leafUplinks: o.leafUplinks,
    spineGroups,
    spinesPerGroup: o.leafUplinks,
    linksPerLeafSpine: 1,
    corePlanes: o.leafUplinks,
    coresPerPlane: core.coresPerPlane,
    linksPerSpineCore: core.linksPerSpineCore,
    ...tierCounts({ leaves, spines, cores, radix: k, nodePorts, leafSpine, spineCore }),
    oversubscription: o.leafDownlinks / o.leafUplinks,
    bandwidthOversubscription: (o.leafDownlinks * fastestRail) / (o.leafUplinks * o.switchPortSpeedGbps),
    maxNodePorts: k * h * o.leafDownlinks,
  };
}

/** Which documents a caller wants, by the shard that holds them: all of them, or one shard's. */
export type SwitchFilter = (shard: string) => boolean;

/** Every fabric shard of the halls, in order: each hall's blocks, then the cores'. */
function hallShards(r: HallRender): string[] {
  const shards: string[] = [];
  for (const hall of r.halls) {
    const per = groupsPerShard(r, hall);
    for (let g = 0; g < hall.groupsPerRail; g += per) shards.push(hallSwitchShard(hall.hall, g / per));
  }
  const cores = r.o.leafUplinks * r.core.coresPerPlane;
  for (let c = 0; c < cores; c += r.switchesPerShard) shards.push(coreShard(c, r.switchesPerShard));
  return shards;
}

/**
 * Builds the compute fabric `name` wired for growth from its halls: its sizing and the documents
 * of the switches `wanted` picks (all by default). Throws on invalid input, naming the field.
 */
export function buildHallFabric(
  name: string,
  halls: readonly HallGroup[],
  options: FabricOptions,
  addressing?: EthernetAddressing,
  wanted: SwitchFilter = () => true,
  switchesPerShard = DEFAULT_SWITCHES_PER_SHARD,
): ComputeFabric & { readonly shards: readonly string[] } {
  const o = resolveOptions(name, options);
  const core = coreShape(name, o.switchRadix, options.coreSpineGroups ?? o.switchRadix);
  const layout = layoutHalls(name, o, halls, core);
  const sizing = sizeHalls(name, o, layout, core);
  if (sizing.nodes === 0) fail(name, "has no nodes; at least one hall needs nodes");
  let underlay: Underlay | undefined;
  const k = o.switchRadix;
  if (o.technology === "ethernet") {
    const h = k / 2;
    // Numbered for the full core, so that no address moves as halls fill: k slots of h leaves and u spines.
    const spaceLeaves = k * h;
    underlay = planUnderlay(name, addressing, {
      links: leafSpineLinks({ o } as HallRender) + k * o.leafUplinks * h,
      switches: spaceLeaves + k * o.leafUplinks + o.leafUplinks * h,
      leaves: spaceLeaves,
      spineGroups: k,
    });
  } else if (addressing !== undefined) {
    fail(name, "is InfiniBand (its subnet manager assigns addresses); addressing applies to Ethernet only");
  }
  const render: HallRender = { name, o, halls: layout, underlay, wanted, switchesPerShard, core, names: new Map() };
  const switches = [...layout.flatMap((hall) => hallLeaves(render, hall)), ...layout.flatMap((hall) => hallSpines(render, hall)), ...hallCores(render)];
  return { sizing, switches, shards: hallShards(render) };
}
