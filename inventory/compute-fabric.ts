/**
 * What the compute-fabric builders read from a site: its options and Ethernet addressing, its
 * nodes by blueprint (a fabric sized for its nodes) or by hall with each node's position (a fabric
 * wired for halls). One home for the validator (`semantic.ts`) and the program (`program/networks.ts`).
 */
import { DEFAULT_FABRIC_GROWTH, type EthernetAddressing, type FabricHostGroup, type FabricOptions, type HallGroup } from "../model/fabric";
import type { ExpandedSite } from "./fleet";
import type { Fabric } from "./schema/network";

/** The compute fabric's options from the site's `network.compute`. */
export function computeFabricOptions(compute: Fabric): FabricOptions {
  return {
    technology: compute.technology,
    ...(compute.switchRadix ? { switchRadix: compute.switchRadix } : {}),
    ...(compute.oversubscription ? { oversubscription: compute.oversubscription } : {}),
    ...(compute.coreSpineGroups ? { coreSpineGroups: compute.coreSpineGroups } : {}),
  };
}

/** The Ethernet underlay's addressing, when the compute fabric is Ethernet with an underlay range. */
export function computeAddressing(compute: Fabric): EthernetAddressing | undefined {
  return compute.technology === "ethernet" && compute.underlayCidr ? { p2pCidr: compute.underlayCidr } : undefined;
}

/** Whether the compute fabric is wired for halls (`growth: halls`). */
export function wiredForHalls(compute: Fabric): boolean {
  return (compute.growth ?? DEFAULT_FABRIC_GROWTH) === "halls";
}

/** Compute-fabric host groups: the site's nodes by blueprint, in ledger order. */
export function computeHostGroups(expanded: ExpandedSite): FabricHostGroup[] {
  const hosts = new Map<string, { hostname: string }[]>();
  for (const node of expanded.nodes) {
    let list = hosts.get(node.blueprint);
    if (!list) hosts.set(node.blueprint, (list = []));
    list.push({ hostname: node.hostname });
  }
  return [...hosts].map(([id, list]) => {
    const bp = expanded.blueprints.get(id)!;
    return {
      rails: bp.rails,
      railSpeedGbps: bp.railSpeedGbps,
      ...(bp.nodesPerScalableUnit ? { nodesPerScalableUnit: bp.nodesPerScalableUnit } : {}),
      hosts: list,
    };
  });
}

/**
 * Compute-fabric halls of a site wired for growth: each hall's nodes with their position in the
 * hall, (rack number − 1) × the blueprint's nodes per rack + their place among them, so a node's
 * leaf port depends on where it stands, as its name and addresses do.
 */
export function computeHalls(expanded: ExpandedSite): HallGroup[] {
  const { site } = expanded;
  const halls = new Map<string, { blueprint: string; perRack: number; hosts: { hostname: string; position: number }[] }>();
  for (const rack of expanded.racks) {
    const perBlueprint = new Map<string, number>();
    for (const n of rack.type.nodes) perBlueprint.set(n.blueprint, (perBlueprint.get(n.blueprint) ?? 0) + n.count);
    const seen = new Map<string, number>();
    for (const node of rack.nodes) {
      let hall = halls.get(rack.hall);
      if (!hall) halls.set(rack.hall, (hall = { blueprint: node.blueprint, perRack: perBlueprint.get(node.blueprint)!, hosts: [] }));
      if (hall.blueprint !== node.blueprint || hall.perRack !== perBlueprint.get(node.blueprint)) {
        throw new Error(
          `site [${site.id}] hall [${rack.hall}] mixes racks of ${hall.perRack} ${hall.blueprint} and ${perBlueprint.get(node.blueprint)} ${node.blueprint}; on a compute fabric wired for halls a hall is one pod of one rack layout`,
        );
      }
      const place = seen.get(node.blueprint) ?? 0;
      seen.set(node.blueprint, place + 1);
      hall.hosts.push({ hostname: node.hostname, position: (rack.number - 1) * hall.perRack + place });
    }
  }
  // Core slots go to halls by hall number, which also fixes their address blocks.
  const specs = [...site.halls].sort((a, b) => a.number - b.number).filter((h) => halls.has(h.id));
  return specs.map((spec) => {
    const { blueprint, perRack, hosts } = halls.get(spec.id)!;
    const bp = expanded.blueprints.get(blueprint)!;
    return {
      hall: spec.id,
      rails: bp.rails,
      railSpeedGbps: bp.railSpeedGbps,
      ...(bp.nodesPerScalableUnit ? { nodesPerScalableUnit: bp.nodesPerScalableUnit } : {}),
      ...(spec.fabricRacks !== undefined ? { positions: spec.fabricRacks * perRack } : {}),
      hosts,
    };
  });
}
