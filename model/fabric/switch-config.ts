/**
 * Per-switch configuration documents of a compute fabric, rendered as data: every cabled port with
 * its neighbour, and for Ethernet the /31 link addresses, loopbacks and BGP ASNs.
 *
 * Port maps (k = radix, d/u = leaf downlinks/uplinks, m = links per leaf–spine pair, mc = links
 * per spine–core pair; all deterministic, no search):
 * - Leaf port 1..d: the SU's nodes in order, node rail r on the SU's rail-r leaf.
 * - Leaf port d+1..d+u: spine j of the leaf's group on ports d + j·m + 1 .. d + (j+1)·m.
 * - Spine port q·m + 1 .. (q+1)·m: the q-th leaf of its group. On a 3-tier spine, port k/2 + 1 + t
 *   goes to core t div mc of its plane.
 * - Core port g·mc + 1 .. (g+1)·mc: the spine of its plane in spine group g.
 * Link numbering for /31s: leaf–spine link (leaf i, uplink t) is i·u + t; spine–core link
 * (spine s, uplink t) follows all leaf–spine links at leaves·u + s·(k/2) + t.
 */
import { planUnderlay, type Underlay } from "./ethernet-underlay";
import { fail, resolveGroups, resolveOptions } from "./options";
import { layoutFabric, leafIndex, sizeLayout, type FabricLayout, type GroupLayout } from "./rail-optimised";
import type {
  ComputeFabric,
  EthernetAddressing,
  FabricHost,
  FabricHostGroup,
  FabricNodeGroup,
  FabricOptions,
  PortNeighbour,
  SwitchConfig,
  SwitchPort,
} from "./types";

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Name of a leaf: `${fabric}-su01-rail3-leaf`, or `…-leaf2` when a rail of an SU needs several. */
export function leafName(fabric: string, su: number, rail: number, slot: number, slots: number): string {
  return `${fabric}-su${pad2(su)}-rail${rail}-leaf${slots > 1 ? String(slot) : ""}`;
}

/** Name of a spine, numbered across the fabric: `${fabric}-spine07`. */
export function spineName(fabric: string, n: number): string {
  return `${fabric}-spine${pad2(n)}`;
}

/** Name of a core, numbered across the fabric: `${fabric}-core01`. */
export function coreName(fabric: string, n: number): string {
  return `${fabric}-core${pad2(n)}`;
}

/** Checks hosts and returns the groups' sizes plus every host's cabled rails, in order. */
function checkHosts(name: string, groups: readonly FabricHostGroup[]): { sizes: FabricNodeGroup[]; rails: Uint16Array[] } {
  if (!Array.isArray(groups) || groups.length === 0) fail(name, "has no node groups; give at least one");
  const seen = new Set<string>();
  const rails: Uint16Array[] = [];
  const sizes = groups.map((g, gi): FabricNodeGroup => {
    if (!Array.isArray(g.hosts)) fail(name, `group [${gi + 1}] hosts should be a list`);
    const own = new Uint16Array(g.hosts.length);
    const groupRails = Number.isInteger(g.rails) && g.rails >= 1 ? g.rails : undefined;
    for (let i = 0; i < g.hosts.length; i++) {
      const h = g.hosts[i]!;
      if (typeof h.hostname !== "string" || h.hostname.length === 0) fail(name, `group [${gi + 1}] host ${i + 1} has no hostname`);
      if (seen.has(h.hostname)) fail(name, `node [${h.hostname}] appears twice`);
      seen.add(h.hostname);
      const r = h.rails ?? groupRails ?? 0;
      if (groupRails !== undefined && (!Number.isInteger(r) || r < 1 || r > groupRails)) {
        fail(name, `node [${h.hostname}] rails ${String(r)} should be between 1 and its group's ${groupRails} rails (one leaf port per rail)`);
      }
      own[i] = r;
    }
    rails.push(own);
    const size: FabricNodeGroup = { nodes: g.hosts.length, rails: g.rails, railSpeedGbps: g.railSpeedGbps };
    return g.nodesPerScalableUnit === undefined ? size : { ...size, nodesPerScalableUnit: g.nodesPerScalableUnit };
  });
  return { sizes, rails };
}

/**
 * Builds the compute fabric `name`: its sizing and one configuration document per switch.
 * Ethernet needs `addressing` (a /31 range at least); InfiniBand takes none (its subnet manager
 * assigns LIDs). Throws on invalid input, naming the fabric and the field.
 */
export function buildComputeFabric(
  name: string,
  groups: readonly FabricHostGroup[],
  options: FabricOptions,
  addressing?: EthernetAddressing,
  range?: SwitchRange,
): ComputeFabric {
  const resolvedOptions = resolveOptions(name, options);
  const { sizes, rails } = checkHosts(name, groups);
  const resolved = resolveGroups(name, sizes, resolvedOptions);
  const layout = layoutFabric(name, resolvedOptions, resolved);
  let nodes = 0;
  let nodePorts = 0;
  for (const own of rails) {
    nodes += own.length;
    for (let i = 0; i < own.length; i++) nodePorts += own[i]!;
  }
  const sizing = sizeLayout(layout, nodes, nodePorts);
  let underlay: Underlay | undefined;
  if (resolvedOptions.technology === "ethernet") {
    underlay = planUnderlay(name, addressing, {
      links: sizing.cables.leafSpine + sizing.cables.spineCore,
      switches: sizing.leaf.switches + sizing.spine.switches + sizing.core.switches,
      leaves: sizing.leaf.switches,
      spineGroups: sizing.spineGroups,
    });
  } else if (addressing !== undefined) {
    fail(name, "is InfiniBand (its subnet manager assigns addresses); addressing applies to Ethernet only");
  }
  return { sizing, switches: renderSwitches(layout, groups, rails, underlay, range ?? { from: 0, to: Infinity }) };
}

/**
 * A block of switches by their index in the fabric's order (leaves, spines, cores), `from`
 * inclusive, `to` exclusive: a stack that holds one block renders only those documents.
 */
export interface SwitchRange {
  readonly from: number;
  readonly to: number;
}

/** What every tier's renderer reads: the layout, the underlay, the block wanted and every switch's name. */
interface Render {
  readonly layout: FabricLayout;
  readonly underlay: Underlay | undefined;
  readonly range: SwitchRange;
  readonly leafNames: readonly string[];
  readonly spineNames: readonly string[];
  readonly coreNames: readonly string[];
}

/** True when switch `index` (fabric order) falls in the block being rendered. */
const wanted = (render: Render, index: number): boolean => index >= render.range.from && index < render.range.to;

/** A switch-to-switch port; on Ethernet it carries its end of the link's /31. */
function fabricPort(render: Render, port: number, neighbour: PortNeighbour, address: (underlay: Underlay) => string): SwitchPort {
  const speedGbps = render.layout.options.switchPortSpeedGbps;
  return render.underlay === undefined ? { port, speedGbps, neighbour } : { port, speedGbps, neighbour, address: address(render.underlay) };
}

/** Adds a switch's Ethernet underlay (loopback, ASN, VRFs) to its document; InfiniBand has none. */
function withUnderlay(render: Render, doc: SwitchConfig, index: number, asn: (underlay: Underlay) => number, vrfs?: readonly string[]): SwitchConfig {
  const { underlay } = render;
  if (underlay === undefined) return doc;
  const loopback = underlay.loopback(index);
  return { ...doc, ...(loopback !== undefined ? { loopback } : {}), asn: asn(underlay), ...(vrfs !== undefined ? { vrfs } : {}) };
}

/** Every leaf's name in fabric order. */
function leafNames(layout: FabricLayout): string[] {
  const names = new Array<string>(layout.leaves);
  for (const group of layout.groups) {
    for (let su = 0; su < group.scalableUnits; su++) {
      for (let rail = 0; rail < group.rails; rail++) {
        for (let slot = 0; slot < group.leavesPerRail; slot++) {
          names[leafIndex(group, su, rail, slot)] = leafName(layout.name, group.firstScalableUnit + su, rail + 1, slot + 1, group.leavesPerRail);
        }
      }
    }
  }
  return names;
}

/** Walks the layout and writes the documents of the switches in `range`: leaves, spines, cores. */
function renderSwitches(
  layout: FabricLayout,
  groups: readonly FabricHostGroup[],
  hostRails: readonly Uint16Array[],
  underlay: Underlay | undefined,
  range: SwitchRange,
): SwitchConfig[] {
  const { name, shape } = layout;
  const render: Render = {
    layout,
    underlay,
    range,
    leafNames: leafNames(layout),
    spineNames: Array.from({ length: shape.spineGroups * shape.spinesPerGroup }, (_, i) => spineName(name, i + 1)),
    coreNames: Array.from({ length: shape.corePlanes * shape.coresPerPlane }, (_, i) => coreName(name, i + 1)),
  };
  return [...renderLeaves(render, groups, hostRails), ...renderSpines(render), ...renderCores(render)];
}

/** A leaf's node ports: port i + 1 faces the SU's node at position slot·downlinks + i, on rail `rail`, when it has that rail. */
function nodePorts(
  layout: FabricLayout,
  group: GroupLayout,
  hosts: readonly FabricHost[],
  rails: Uint16Array,
  su: number,
  rail: number,
  slot: number,
): SwitchPort[] {
  const downlinks = layout.options.leafDownlinks;
  const perSu = group.nodesPerScalableUnit;
  const ports: SwitchPort[] = [];
  for (let i = 0; i < downlinks; i++) {
    const position = slot * downlinks + i;
    const host = su * perSu + position;
    if (position >= perSu || host >= hosts.length) break;
    if (rails[host]! > rail)
      ports.push({ port: i + 1, speedGbps: group.railSpeedGbps, neighbour: { kind: "node", name: hosts[host]!.hostname, port: rail + 1 } });
  }
  return ports;
}

/** A leaf's uplinks: uplink t goes to spine t div m of its group, on the port of the leaf's position there. */
function leafUplinks(render: Render, leaf: number, spineGroup: number, position: number): SwitchPort[] {
  const { options, shape } = render.layout;
  const { leafDownlinks: downlinks, leafUplinks: uplinks } = options;
  const perPair = shape.linksPerLeafSpine;
  const ports: SwitchPort[] = [];
  for (let t = 0; t < uplinks; t++) {
    const spine = spineGroup * shape.spinesPerGroup + Math.floor(t / perPair);
    const neighbour = { kind: "switch", name: render.spineNames[spine]!, port: position * perPair + (t % perPair) + 1 } as const;
    ports.push(fabricPort(render, downlinks + t + 1, neighbour, (underlay) => underlay.lower(leaf * uplinks + t)));
  }
  return ports;
}

/** Every wanted leaf, by group, SU, rail and slot. */
function renderLeaves(render: Render, groups: readonly FabricHostGroup[], hostRails: readonly Uint16Array[]): SwitchConfig[] {
  const { layout } = render;
  const threeTier = layout.shape.tiers === 3;
  const placement = leafPlacement(layout);
  const switches: SwitchConfig[] = [];
  layout.groups.forEach((group, g) => {
    for (let su = 0; su < group.scalableUnits; su++) {
      for (let rail = 0; rail < group.rails; rail++) {
        for (let slot = 0; slot < group.leavesPerRail; slot++) {
          const leaf = leafIndex(group, su, rail, slot);
          if (!wanted(render, leaf)) continue;
          const spineGroup = placement.group[leaf]!;
          const ports = [
            ...nodePorts(layout, group, groups[g]!.hosts, hostRails[g]!, su, rail, slot),
            ...leafUplinks(render, leaf, spineGroup, placement.position[leaf]!),
          ];
          const doc: SwitchConfig = {
            name: render.leafNames[leaf]!,
            role: "leaf",
            fabric: layout.name,
            technology: layout.options.technology,
            su: group.firstScalableUnit + su,
            rail: rail + 1,
            ...(threeTier ? { spineGroup: spineGroup + 1 } : {}),
            ports,
          };
          switches.push(withUnderlay(render, doc, leaf, (underlay) => underlay.leafAsn(leaf), render.underlay?.leafVrfs));
        }
      }
    }
  });
  return switches;
}

/** Each leaf's spine group and its position in that group. */
function leafPlacement(layout: FabricLayout): { group: Int32Array; position: Int32Array } {
  const group = new Int32Array(layout.leaves);
  const position = new Int32Array(layout.leaves);
  layout.spineGroups.forEach((spineGroup, g) =>
    spineGroup.leaves.forEach((leaf, q) => {
      group[leaf] = g;
      position[leaf] = q;
    }),
  );
  return { group, position };
}

/** Index of the first spine–core link: they follow every leaf–spine link. */
const firstSpineCoreLink = (layout: FabricLayout): number => layout.leaves * layout.options.leafUplinks;

/** Every wanted spine, by spine group and plane: ports down to its group's leaves, then (3-tier) up to its plane's cores. */
function renderSpines(render: Render): SwitchConfig[] {
  const { layout } = render;
  const { shape } = layout;
  const threeTier = shape.tiers === 3;
  const switches: SwitchConfig[] = [];
  layout.spineGroups.forEach((spineGroup, g) => {
    for (let plane = 0; plane < shape.spinesPerGroup; plane++) {
      const spine = g * shape.spinesPerGroup + plane;
      const index = layout.leaves + spine;
      if (!wanted(render, index)) continue;
      const ports = [...spineDownlinks(render, spineGroup.leaves, plane), ...(threeTier ? spineUplinks(render, g, spine, plane) : [])];
      const doc: SwitchConfig = {
        name: render.spineNames[spine]!,
        role: "spine",
        fabric: layout.name,
        technology: layout.options.technology,
        ...(threeTier ? { rail: spineGroup.rail, spineGroup: g + 1, plane: plane + 1 } : {}),
        ports,
      };
      switches.push(withUnderlay(render, doc, index, (underlay) => underlay.spineAsn(g)));
    }
  });
  return switches;
}

/** A spine's ports q·m + 1 .. (q+1)·m face the q-th leaf of its group. */
function spineDownlinks(render: Render, leaves: readonly number[], plane: number): SwitchPort[] {
  const { leafDownlinks: downlinks, leafUplinks: uplinks } = render.layout.options;
  const perPair = render.layout.shape.linksPerLeafSpine;
  const ports: SwitchPort[] = [];
  leaves.forEach((leaf, position) => {
    for (let l = 0; l < perPair; l++) {
      const uplink = plane * perPair + l;
      const neighbour = { kind: "switch", name: render.leafNames[leaf]!, port: downlinks + uplink + 1 } as const;
      ports.push(fabricPort(render, position * perPair + l + 1, neighbour, (underlay) => underlay.upper(leaf * uplinks + uplink)));
    }
  });
  return ports;
}

/** A 3-tier spine's port k/2 + 1 + t goes to core t div mc of its plane. */
function spineUplinks(render: Render, spineGroup: number, spine: number, plane: number): SwitchPort[] {
  const { layout } = render;
  const half = layout.options.switchRadix / 2;
  const perPair = layout.shape.linksPerSpineCore;
  const ports: SwitchPort[] = [];
  for (let t = 0; t < half; t++) {
    const core = plane * layout.shape.coresPerPlane + Math.floor(t / perPair);
    const neighbour = { kind: "switch", name: render.coreNames[core]!, port: spineGroup * perPair + (t % perPair) + 1 } as const;
    ports.push(fabricPort(render, half + t + 1, neighbour, (underlay) => underlay.lower(firstSpineCoreLink(layout) + spine * half + t)));
  }
  return ports;
}

/** Every wanted core, by plane: port g·mc + 1 .. (g+1)·mc faces the spine of its plane in spine group g. */
function renderCores(render: Render): SwitchConfig[] {
  const { layout } = render;
  const { shape } = layout;
  const half = layout.options.switchRadix / 2;
  const perPair = shape.linksPerSpineCore;
  const firstCore = layout.leaves + shape.spineGroups * shape.spinesPerGroup;
  const switches: SwitchConfig[] = [];
  for (let plane = 0; plane < shape.corePlanes; plane++) {
    for (let c = 0; c < shape.coresPerPlane; c++) {
      const core = plane * shape.coresPerPlane + c;
      if (!wanted(render, firstCore + core)) continue;
      const ports: SwitchPort[] = [];
      for (let g = 0; g < shape.spineGroups; g++) {
        const spine = g * shape.spinesPerGroup + plane;
        for (let l = 0; l < perPair; l++) {
          const uplink = c * perPair + l;
          const neighbour = { kind: "switch", name: render.spineNames[spine]!, port: half + uplink + 1 } as const;
          ports.push(fabricPort(render, g * perPair + l + 1, neighbour, (underlay) => underlay.upper(firstSpineCoreLink(layout) + spine * half + uplink)));
        }
      }
      const doc: SwitchConfig = {
        name: render.coreNames[core]!,
        role: "core",
        fabric: layout.name,
        technology: layout.options.technology,
        plane: plane + 1,
        ports,
      };
      switches.push(withUnderlay(render, doc, firstCore + core, (underlay) => underlay.coreAsn));
    }
  }
  return switches;
}
