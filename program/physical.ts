/**
 * The physical layer of one site stack: the facility, and either the site-wide parts (shard
 * `site`: pools, fabrics, storage), one block of compute-fabric switches (`fabric-b<n>`, or
 * `fabric-<hall>-b<n>` and `fabric-core-b<n>` on a fabric wired for halls), or one
 * block of racks of one hall (`<hall>-b<n>`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { GpuNodePool, poolSize, type GpuNodePoolArgs } from "../components/compute/gpu-node-pool";
import { Hall } from "../components/site/hall";
import type { Site } from "../components/site/site";
import { StorageSystem, storageCapacityTB } from "../components/storage/storage-system";
import { rackTotals } from "../inventory/expand";
import type { ExpandedSite, Fleet } from "../inventory/fleet";
import { layerShards, rackShard, SITE_SHARD } from "../model/shards";
import type { SiteFacts } from "../model/site-facts";
import type { StackConfig } from "./config";
import { buildFabricBlock, buildNetworks, planNetworks } from "./networks";
import { planSite, siteComponent } from "./site";

/** The part of the stack configuration that picks the shard. */
export type ShardConfig = Pick<StackConfig, "shard" | "racksPerShard" | "switchesPerShard">;

/** What the physical layer builds, for stack outputs and tests. */
export interface PhysicalLayer {
  readonly site: Site;
  /** Every component the layer created, parents before children. */
  readonly resources: readonly pulumi.Resource[];
  readonly outputs: Record<string, unknown>;
}

/** Composes the physical layer of `expanded` for one shard. Throws when the shard does not exist. */
export function buildPhysical(fleet: Fleet, expanded: ExpandedSite, config: ShardConfig, facts: SiteFacts): PhysicalLayer {
  const { shard, racksPerShard, switchesPerShard } = config;
  const networkPlan = planNetworks(expanded, shard, switchesPerShard);
  const block = networkPlan.fabricShards.includes(shard);
  const shards = layerShards(expanded.racks, racksPerShard, networkPlan.fabricShards).physical;
  if (!shards.includes(shard)) throw new Error(`site [${expanded.site.id}] has no shard "${shard}"; its shards are ${shards.join(", ")}`);
  const { site: spec } = expanded;
  const sitePlan = planSite(expanded);
  const site = siteComponent(expanded, facts, sitePlan);
  const { budget } = sitePlan;
  const parent = { parent: site } satisfies pulumi.ComponentResourceOptions;
  const common = {
    fleet: fleet.name,
    site: spec.id,
    shard,
    shards,
    itPowerKW: budget.itKW,
    facilityPowerKW: budget.facilityKW,
    accelerators: sitePlan.accelerators,
  };

  if (block) {
    const switches = networkPlan.fabric.switches;
    const fabric = buildFabricBlock(expanded, networkPlan, switches, site);
    return {
      site,
      resources: [site, fabric, ...fabric.switches],
      outputs: { ...common, switches: switches.length, firstSwitch: switches[0]!.name, lastSwitch: switches.at(-1)!.name },
    };
  }
  if (shard !== SITE_SHARD) {
    const racks = expanded.racks.filter((r) => rackShard(r.hall, r.number, racksPerShard) === shard);
    const hallId = racks[0]!.hall;
    const hallSpec = spec.halls.find((h) => h.id === hallId)!;
    const hall = new Hall(`${spec.id}-${hallId}`, { id: hallId, cooling: hallSpec.cooling, racks }, parent);
    const totals = rackTotals(racks);
    return {
      site,
      resources: [site, hall, ...hall.racks],
      outputs: { ...common, hall: hallId, racks: racks.map((r) => r.name), shardItPowerKW: totals.itPowerKW, shardAccelerators: totals.accelerators },
    };
  }

  const poolArgs = spec.pools.map((p): GpuNodePoolArgs => {
    const bp = expanded.blueprints.get(p.blueprint)!;
    const nodes = expanded.nodes.filter((n) => n.pool === p.id);
    return {
      blueprint: p.blueprint,
      acceleratorModel: bp.accelerator.model,
      acceleratorsPerNode: bp.accelerator.count,
      tenantClass: p.tenantClass,
      nodes: nodes.map((n) => n.hostname),
      racks: uniqueRacks(nodes),
      tenants: spec.tenants.filter((t) => t.pools.includes(p.id)).map((t) => t.id),
    };
  });
  const pools = poolArgs.map((args, i) => new GpuNodePool(`${spec.id}-${spec.pools[i]!.id}`, args, parent));
  const storage = spec.storage.map((s) => new StorageSystem(`${spec.id}-${s.id}`, { spec: s }, parent));
  const networks = buildNetworks(expanded, networkPlan, site);
  return {
    site,
    resources: [site, ...pools, ...storage, ...networks.components],
    outputs: {
      ...common,
      powerBudget: budget,
      addressPlan: networks.addressPlan,
      fabrics: networks.summary,
      pools: Object.fromEntries(poolArgs.map((args, i) => [spec.pools[i]!.id, poolSize(args)])),
      storageTB: Object.fromEntries(spec.storage.map((s) => [s.id, storageCapacityTB(s)])),
    },
  };
}

/** Racks the nodes stand in, in ledger order, each once. */
function uniqueRacks(nodes: readonly { hall: string; rack: string; site: string }[]): string[] {
  return [...new Set(nodes.map((n) => `${n.site}-${n.hall}-${n.rack}`))];
}
