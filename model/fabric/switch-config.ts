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
import { layoutFabric, sizeLayout, type FabricLayout } from "./rail-optimised";
import type { ComputeFabric, EthernetAddressing, FabricHostGroup, FabricNodeGroup, FabricOptions, SwitchConfig, SwitchPort } from "./types";

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

/** Walks the layout and writes every switch's document. */
function renderSwitches(
  layout: FabricLayout,
  groups: readonly FabricHostGroup[],
  hostRails: readonly Uint16Array[],
  underlay: Underlay | undefined,
  range: SwitchRange,
): SwitchConfig[] {
  const wanted = (index: number) => index >= range.from && index < range.to;
  const { name, options: o, shape } = layout;
  const k = o.switchRadix;
  const half = k / 2;
  const d = o.leafDownlinks;
  const u = o.leafUplinks;
  const m = shape.linksPerLeafSpine;
  const mc = shape.linksPerSpineCore;
  const G = shape.spinesPerGroup;
  const C = shape.coresPerPlane;
  const three = shape.tiers === 3;
  const speed = o.switchPortSpeedGbps;
  const technology = o.technology;
  const L = layout.leaves;
  const S = shape.spineGroups * G;

  // Where each leaf sits in its spine group.
  const leafGroup = new Int32Array(L);
  const leafPos = new Int32Array(L);
  layout.spineGroups.forEach((sg, gi) => sg.leaves.forEach((leaf, q) => ((leafGroup[leaf] = gi), (leafPos[leaf] = q))));

  const leafNames = new Array<string>(L);
  for (const g of layout.groups) {
    for (let s = 0; s < g.scalableUnits; s++) {
      for (let r = 0; r < g.rails; r++) {
        for (let z = 0; z < g.leavesPerRail; z++) {
          leafNames[g.firstLeaf + (s * g.rails + r) * g.leavesPerRail + z] = leafName(name, g.firstScalableUnit + s, r + 1, z + 1, g.leavesPerRail);
        }
      }
    }
  }
  const spineNames = Array.from({ length: S }, (_, i) => spineName(name, i + 1));
  const coreNames = Array.from({ length: shape.corePlanes * C }, (_, i) => coreName(name, i + 1));
  const switches: SwitchConfig[] = [];

  const finish = (doc: SwitchConfig, index: number, asn: number | undefined, vrfs?: readonly string[]): SwitchConfig => {
    if (underlay === undefined) return doc;
    const loopback = underlay.loopback(index);
    return { ...doc, ...(loopback !== undefined ? { loopback } : {}), asn: asn!, ...(vrfs !== undefined ? { vrfs } : {}) };
  };

  // Leaves.
  layout.groups.forEach((g, gi) => {
    const hosts = groups[gi]!.hosts;
    const own = hostRails[gi]!;
    const n = g.nodesPerScalableUnit;
    for (let s = 0; s < g.scalableUnits; s++) {
      for (let r = 0; r < g.rails; r++) {
        for (let z = 0; z < g.leavesPerRail; z++) {
          const li = g.firstLeaf + (s * g.rails + r) * g.leavesPerRail + z;
          if (!wanted(li)) continue;
          const ports: SwitchPort[] = [];
          for (let i = 0; i < d; i++) {
            const pos = z * d + i;
            const host = s * n + pos;
            if (pos >= n || host >= hosts.length) break;
            if (own[host]! > r) ports.push({ port: i + 1, speedGbps: g.railSpeedGbps, neighbour: { kind: "node", name: hosts[host]!.hostname, port: r + 1 } });
          }
          const sg = leafGroup[li]!;
          const q = leafPos[li]!;
          for (let t = 0; t < u; t++) {
            const j = Math.floor(t / m);
            const neighbour = { kind: "switch", name: spineNames[sg * G + j]!, port: q * m + (t % m) + 1 } as const;
            const port = d + t + 1;
            ports.push(underlay === undefined ? { port, speedGbps: speed, neighbour } : { port, speedGbps: speed, neighbour, address: underlay.lower(li * u + t) });
          }
          const doc: SwitchConfig = {
            name: leafNames[li]!,
            role: "leaf",
            fabric: name,
            technology,
            su: g.firstScalableUnit + s,
            rail: r + 1,
            ...(three ? { spineGroup: sg + 1 } : {}),
            ports,
          };
          switches.push(finish(doc, li, underlay?.leafAsn(li), underlay?.leafVrfs));
        }
      }
    }
  });

  // Spines.
  layout.spineGroups.forEach((sg, gi) => {
    for (let j = 0; j < G; j++) {
      const si = gi * G + j;
      if (!wanted(L + si)) continue;
      const ports: SwitchPort[] = [];
      sg.leaves.forEach((leaf, q) => {
        for (let l = 0; l < m; l++) {
          const t = j * m + l;
          const neighbour = { kind: "switch", name: leafNames[leaf]!, port: d + t + 1 } as const;
          const port = q * m + l + 1;
          ports.push(underlay === undefined ? { port, speedGbps: speed, neighbour } : { port, speedGbps: speed, neighbour, address: underlay.upper(leaf * u + t) });
        }
      });
      if (three) {
        for (let t = 0; t < half; t++) {
          const c = Math.floor(t / mc);
          const neighbour = { kind: "switch", name: coreNames[j * C + c]!, port: gi * mc + (t % mc) + 1 } as const;
          const port = half + t + 1;
          ports.push(underlay === undefined ? { port, speedGbps: speed, neighbour } : { port, speedGbps: speed, neighbour, address: underlay.lower(L * u + si * half + t) });
        }
      }
      const doc: SwitchConfig = {
        name: spineNames[si]!,
        role: "spine",
        fabric: name,
        technology,
        ...(three ? { rail: sg.rail, spineGroup: gi + 1, plane: j + 1 } : {}),
        ports,
      };
      switches.push(finish(doc, L + si, underlay?.spineAsn(gi)));
    }
  });

  // Cores.
  for (let j = 0; j < shape.corePlanes; j++) {
    for (let c = 0; c < C; c++) {
      const ci = j * C + c;
      if (!wanted(L + S + ci)) continue;
      const ports: SwitchPort[] = [];
      for (let gi = 0; gi < shape.spineGroups; gi++) {
        const si = gi * G + j;
        for (let l = 0; l < mc; l++) {
          const t = c * mc + l;
          const neighbour = { kind: "switch", name: spineNames[si]!, port: half + t + 1 } as const;
          const port = gi * mc + l + 1;
          ports.push(underlay === undefined ? { port, speedGbps: speed, neighbour } : { port, speedGbps: speed, neighbour, address: underlay.upper(L * u + si * half + t) });
        }
      }
      const doc: SwitchConfig = { name: coreNames[ci]!, role: "core", fabric: name, technology, plane: j + 1, ports };
      switches.push(finish(doc, L + S + ci, underlay?.coreAsn));
    }
  }
  return switches;
}
