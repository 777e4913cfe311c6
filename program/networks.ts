/** The four networks of a site: compute and storage fabrics, in-band and out-of-band management. */
import type * as pulumi from "@pulumi/pulumi";
import { ComputeFabric } from "../components/network/compute-fabric";
import { ManagementNetwork } from "../components/network/management-network";
import { OutOfBandNetwork } from "../components/network/out-of-band-network";
import { StorageFabric } from "../components/network/storage-fabric";
import { computeAddressing, computeFabricOptions, computeHalls, computeHostGroups, wiredForHalls } from "../inventory/compute-fabric";
import type { ExpandedSite } from "../inventory/fleet";
import { formatCidr } from "../model/ipv4";
import { siteRangeList, siteRangeSet } from "../model/site-ranges";
import { DEFAULT_SWITCHES_PER_SHARD, switchShard } from "../model/shards";
import {
  buildComputeFabric,
  buildHallFabric,
  sizeInBandManagement,
  sizeOutOfBand,
  sizeStorageFabric,
  type ComputeFabric as ComputeFabricModel,
  type ManagementSizing,
  type StorageFabricSizing,
  type SwitchConfig,
} from "../model/fabric";

/** What the networks report as stack outputs. */
export interface Networks {
  readonly components: readonly pulumi.ComponentResource[];
  readonly addressPlan: Record<string, unknown>;
  readonly summary: Record<string, unknown>;
}

/** The site's networks as pure data: the compute fabric with every switch, and the other sizings. */
export interface NetworkPlan {
  readonly fabric: ComputeFabricModel;
  /** The compute fabric's shards (`fabric-b<n>`, or per hall and the cores' when wired for halls), in order. */
  readonly fabricShards: readonly string[];
  readonly storage: StorageFabricSizing;
  readonly inBand: ManagementSizing;
  readonly outOfBand: ManagementSizing;
}

/** The site's compute fabric, with the documents of the switches of fabric shard `shard` (none when undefined), and its shards. */
function planComputeFabric(
  expanded: ExpandedSite,
  shard: string | undefined,
  switchesPerShard: number,
): { fabric: ComputeFabricModel; fabricShards: string[] } {
  const { site } = expanded;
  const compute = site.network.compute;
  const name = `${site.id}-compute`;
  const options = computeFabricOptions(compute);
  const addressing = computeAddressing(compute);
  if (wiredForHalls(compute)) {
    const { shards, ...fabric } = buildHallFabric(name, computeHalls(expanded), options, addressing, (s) => s === shard, switchesPerShard);
    return { fabric, fabricShards: [...shards] };
  }
  const block = shard === undefined ? undefined : /^fabric-b(\d+)$/.exec(shard);
  const from = block ? Number(block[1]) * switchesPerShard : 0;
  const fabric = buildComputeFabric(name, computeHostGroups(expanded), options, addressing, { from, to: block ? from + switchesPerShard : 0 });
  const { leaf, spine, core } = fabric.sizing;
  const fabricShards: string[] = [];
  for (let i = 0; i < leaf.switches + spine.switches + core.switches; i += switchesPerShard) fabricShards.push(switchShard(i, switchesPerShard));
  return { fabric, fabricShards };
}

/**
 * Plans the site's networks; no Pulumi involved. The fabric's sizing is always whole; switch
 * documents are rendered only for fabric shard `shard`, none by default.
 */
export function planNetworks(expanded: ExpandedSite, shard?: string, switchesPerShard = DEFAULT_SWITCHES_PER_SHARD): NetworkPlan {
  const { site } = expanded;
  const net = site.network;
  const { fabric, fabricShards } = planComputeFabric(expanded, shard, switchesPerShard);
  // One port count for every node: the most any blueprint of the site has (all sample SKUs have 2).
  const storage = sizeStorageFabric(`${site.id}-storage`, {
    computeNodes: expanded.nodes.length,
    storagePortsPerNode: Math.max(...site.blueprints.map((b) => b.storagePorts)),
    storageServers: site.storage.reduce((n, s) => n + (s.servers ?? 0), 0),
    ...(net.storage.switchRadix ? { switchRadix: net.storage.switchRadix } : {}),
    ...(net.storage.oversubscription ? { oversubscription: net.storage.oversubscription } : {}),
  });
  // Every device in a rack's reserved units (switches, NVLink trays, power shelves) has a management port.
  const equipment = expanded.racks.map((r) => ({ name: r.name, nodes: r.nodes.length, otherDevices: r.type.reservedUnits }));
  return { fabric, fabricShards, storage, inBand: sizeInBandManagement(`${site.id}-inband`, equipment), outOfBand: sizeOutOfBand(`${site.id}-oob`, equipment) };
}

/** The compute fabric alone, with the given block of its switches as children (a fabric shard). */
export function buildFabricBlock(
  expanded: ExpandedSite,
  plan: NetworkPlan,
  switches: readonly SwitchConfig[],
  parent: pulumi.ComponentResource,
): ComputeFabric {
  return new ComputeFabric(`${expanded.site.id}-compute`, { sizing: plan.fabric.sizing, switches, cidr: expanded.site.network.compute.cidr }, { parent });
}

/** The networks' figures for the stack outputs, read from the plan that builds the components. */
export function networkSummary(technology: string, plan: NetworkPlan): Record<string, unknown> {
  const { sizing } = plan.fabric;
  const { storage, inBand, outOfBand } = plan;
  return {
    compute: {
      technology,
      tiers: sizing.tiers,
      leaf: sizing.leaf.switches,
      spine: sizing.spine.switches,
      core: sizing.core.switches,
      cables: sizing.cables.total,
      oversubscription: sizing.oversubscription,
    },
    storage: { tiers: storage.tiers, leaf: storage.leaf.switches, spine: storage.spine.switches, core: storage.core.switches, cables: storage.cables.total },
    inBand: { access: inBand.access.switches, aggregation: inBand.aggregation.switches },
    outOfBand: { access: outOfBand.access.switches, aggregation: outOfBand.aggregation.switches },
  };
}

/** Builds the network components of the site shard (fabric switches live in fabric shards) under `parent`. */
export function buildNetworks(expanded: ExpandedSite, networkPlan: NetworkPlan, parent: pulumi.ComponentResource): Networks {
  const { site, plan } = expanded;
  const net = site.network;
  const opts = { parent };
  const compute = net.compute;
  const computeFabric = buildFabricBlock(expanded, networkPlan, [], parent);
  const storageFabric = new StorageFabric(
    `${site.id}-storage`,
    { sizing: networkPlan.storage, cidr: net.storage.cidr, speedGbps: net.storage.speedGbps },
    opts,
  );
  const inBand = new ManagementNetwork(
    `${site.id}-inband`,
    { sizing: networkPlan.inBand, cidr: net.inBand.cidr, ...(net.inBand.vlan ? { vlan: net.inBand.vlan } : {}) },
    opts,
  );
  const otherRanges = siteRangeList(siteRangeSet(net))
    .filter((r) => r.kind !== "outOfBand")
    .map(({ kind, cidr }) => ({ name: kind, cidr }));
  const outOfBand = new OutOfBandNetwork(
    `${site.id}-oob`,
    { sizing: networkPlan.outOfBand, cidr: net.outOfBand.cidr, ...(net.outOfBand.vlan ? { vlan: net.outOfBand.vlan } : {}), otherRanges },
    opts,
  );

  return {
    components: [computeFabric, storageFabric, inBand, outOfBand],
    addressPlan: {
      outOfBand: formatCidr(plan.outOfBand),
      inBand: formatCidr(plan.inBand),
      storage: formatCidr(plan.storage),
      compute: formatCidr(plan.compute),
      rails: plan.rails.map(formatCidr),
      tenant: net.tenantRanges,
      public: net.publicRanges,
      racksPerHall: plan.racksPerHall,
      hostsPerRack: plan.hostsPerRack,
    },
    summary: networkSummary(compute.technology, networkPlan),
  };
}
