/**
 * Expansion: blueprints and rack runs become racks and a per-node ledger. Pure and deterministic;
 * it assumes a site whose references were checked (see `semantic.ts`).
 */
import { nodeBmcAccess } from "../model/baremetal/bmc-access";
import { bmcUrl } from "../model/bmc-url";
import { buildAddressPlan, hostOffset, nodeAddresses, type AddressPlan } from "../model/address-plan";
import { rackPower } from "../model/power";
import { roundTenth } from "../model/round";
import type { ExpandedSite, FleetSummary, NodeRecord, RackRecord } from "./fleet";
import type { Blueprint, RackType } from "./schema/hardware";
import type { Site } from "./schema/site";

/** Rack id within its hall: `r001`. */
export function rackId(number: number): string {
  return `r${String(number).padStart(3, "0")}`;
}

/** Hostname of a node: `<site>-<hall>-<rack>-n<index>`. */
export function hostname(site: string, hall: string, rack: number, index: number): string {
  return `${site}-${hall}-${rackId(rack)}-n${String(index).padStart(2, "0")}`;
}

/** Rack units a rack of this type needs: its nodes and its reserved units. */
export function rackUnitsNeeded(type: RackType, blueprints: ReadonlyMap<string, Blueprint>): number {
  return type.nodes.reduce((u, n) => u + n.count * blueprints.get(n.blueprint)!.rackUnits, type.reservedUnits);
}

/** Expands one site. */
export function expandSite(site: Site): ExpandedSite {
  const blueprints = new Map(site.blueprints.map((b) => [b.id, b]));
  const rackTypes = new Map(site.rackTypes.map((t) => [t.id, t]));
  const plan = buildAddressPlan(site.network, Math.max(...site.blueprints.map((b) => b.rails)));
  const racks: RackRecord[] = [];
  const nodes: NodeRecord[] = [];
  for (const hall of site.halls) {
    for (const run of hall.racks) {
      const type = rackTypes.get(run.type)!;
      const { drawKW, usableKW } = rackPower(type, blueprints);
      for (let number = run.from; number < run.from + run.count; number++) {
        const rackNodes = expandRack(site, hall.id, hall.number, number, type, blueprints, plan);
        racks.push({
          name: `${site.id}-${hall.id}-${rackId(number)}`,
          site: site.id,
          hall: hall.id,
          id: rackId(number),
          number,
          type,
          drawKW,
          usableKW,
          nodes: rackNodes,
        });
        for (const n of rackNodes) nodes.push(n);
      }
    }
  }
  const poolNodes = assignPools(site, nodes);
  return { site, plan, blueprints, racks, nodes, poolNodes };
}

function expandRack(
  site: Site,
  hallId: string,
  hallNumber: number,
  rackNumber: number,
  type: RackType,
  blueprints: ReadonlyMap<string, Blueprint>,
  plan: AddressPlan,
): NodeRecord[] {
  const out: NodeRecord[] = [];
  let slot = 1;
  let index = 1;
  for (const entry of type.nodes) {
    const bp = blueprints.get(entry.blueprint)!;
    for (let i = 0; i < entry.count; i++, index++) {
      const addr = nodeAddresses(plan, hostOffset(plan, hallNumber, rackNumber, index), bp.rails);
      const name = hostname(site.id, hallId, rackNumber, index);
      out.push({
        hostname: name,
        site: site.id,
        hall: hallId,
        rack: rackId(rackNumber),
        index,
        slot,
        blueprint: bp.id,
        accelerators: bp.accelerator.count,
        powerKW: bp.powerKW,
        bmc: {
          protocol: bp.bmc.protocol,
          url: bmcUrl(bp.bmc.protocol, addr.outOfBand, bp.bmc),
          ...(bp.bmc.fallback ? { fallbackUrl: bmcUrl(bp.bmc.fallback, addr.outOfBand, bp.bmc) } : {}),
          ...nodeBmcAccess(site.bmcAccess, { hostname: name, hall: hallId, rackNumber }),
        },
        outOfBandIp: addr.outOfBand,
        inBandIp: addr.inBand,
        storageIp: addr.storage,
        computeIps: addr.compute,
      });
      slot += bp.rackUnits;
    }
  }
  return out;
}

/**
 * Pools take nodes of their blueprint in ledger order from their halls, after the pools listed
 * before them. Returns, per pool, how many nodes it got (fewer than asked means too few exist).
 */
export function assignPools(site: Site, nodes: NodeRecord[]): Map<string, number> {
  const got = new Map<string, number>();
  for (const pool of site.pools) {
    const halls = pool.halls ? new Set(pool.halls) : undefined;
    const inRange = (node: NodeRecord) => {
      const number = Number(node.rack.slice(1));
      return pool.racks!.some((r) => r.hall === node.hall && number >= r.from && number <= r.to);
    };
    let taken = 0;
    for (const node of nodes) {
      if (taken === pool.nodes) break;
      if (node.pool !== undefined || node.blueprint !== pool.blueprint) continue;
      if (pool.racks ? !inRange(node) : halls && !halls.has(node.hall)) continue;
      node.pool = pool.id;
      node.tenantClass = pool.tenantClass;
      taken++;
    }
    got.set(pool.id, taken);
  }
  return got;
}

/** What a set of racks holds and draws: racks, nodes, accelerators, and IT power to one decimal. */
export interface RackTotals {
  readonly racks: number;
  readonly nodes: number;
  readonly accelerators: number;
  readonly itPowerKW: number;
}

/** The totals of `racks`: for the summary line, a hall, a shard of racks. */
export function rackTotals(racks: readonly RackRecord[]): RackTotals {
  let nodes = 0;
  let accelerators = 0;
  let itPowerKW = 0;
  for (const r of racks) {
    itPowerKW += r.drawKW;
    nodes += r.nodes.length;
    for (const n of r.nodes) accelerators += n.accelerators;
  }
  return { racks: racks.length, nodes, accelerators, itPowerKW: roundTenth(itPowerKW) };
}

/** Counts for the summary line. */
export function summarise(sites: readonly ExpandedSite[]): FleetSummary {
  return { sites: sites.length, ...rackTotals(sites.flatMap((s) => s.racks)) };
}
