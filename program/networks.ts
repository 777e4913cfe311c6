/** The four networks of a site: compute and storage fabrics, in-band and out-of-band management. */
import type * as pulumi from "@pulumi/pulumi";
import { ComputeFabric } from "../components/network/compute-fabric";
import { ManagementNetwork } from "../components/network/management-network";
import { OutOfBandNetwork } from "../components/network/out-of-band-network";
import { StorageFabric } from "../components/network/storage-fabric";
import type { ExpandedSite } from "../inventory/fleet";
import { siteRangeSet } from "../model/site-ranges";
import { formatCidr } from "../model/ipv4";
import { siteRangeList } from "../model/site-ranges";
import {
  buildComputeFabric,
  sizeInBandManagement,
  sizeOutOfBand,
  sizeStorageFabric,
  type ComputeFabric as ComputeFabricModel,
  type FabricHostGroup,
  type ManagementSizing,
  type StorageFabricSizing,
  type SwitchConfig,
  type SwitchRange,
} from "../model/fabric";

/** What the networks report as stack outputs. */
export interface Networks {
  readonly components: readonly pulumi.ComponentResource[];
  readonly addressPlan: Record<string, unknown>;
  readonly summary: Record<string, unknown>;
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

/** The site's networks as pure data: the compute fabric with every switch, and the other sizings. */
export interface NetworkPlan {
  readonly fabric: ComputeFabricModel;
  readonly storage: StorageFabricSizing;
  readonly inBand: ManagementSizing;
  readonly outOfBand: ManagementSizing;
}

/**
 * Plans the site's networks; no Pulumi involved. The fabric's sizing is always whole; switch
 * documents are rendered only for `switches` (a fabric shard's block), none by default.
 */
export function planNetworks(expanded: ExpandedSite, switches: SwitchRange = { from: 0, to: 0 }): NetworkPlan {
  const { site } = expanded;
  const net = site.network;
  const compute = net.compute;
  const fabric = buildComputeFabric(
    `${site.id}-compute`,
    computeHostGroups(expanded),
    {
      technology: compute.technology,
      ...(compute.switchRadix ? { switchRadix: compute.switchRadix } : {}),
      ...(compute.oversubscription ? { oversubscription: compute.oversubscription } : {}),
    },
    compute.technology === "ethernet" && compute.underlayCidr ? { p2pCidr: compute.underlayCidr } : undefined,
    switches,
  );
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
  return { fabric, storage, inBand: sizeInBandManagement(`${site.id}-inband`, equipment), outOfBand: sizeOutOfBand(`${site.id}-oob`, equipment) };
}

/** How many switches the compute fabric has, every tier: what its fabric shards split. */
export function fabricSwitchCount(plan: NetworkPlan): number {
  const { leaf, spine, core } = plan.fabric.sizing;
  return leaf.switches + spine.switches + core.switches;
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
