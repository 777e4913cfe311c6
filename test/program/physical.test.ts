/**
 * The physical layer under recording mocks that refuse any unexpected type token: the expected
 * tree for the small fixture site, shard by shard, with parent links, derived names and outputs.
 */
import assert from "node:assert/strict";
import { loadFleet } from "../../inventory/load";
import { GpuNodePool } from "../../components/compute/gpu-node-pool";
import { Hall } from "../../components/site/hall";
import { storageCapacityTB } from "../../components/storage/storage-system";
import { rackTotals } from "../../inventory/expand";
import { siteFacts } from "../../policies/facts";
import { readSiteFacts } from "../../policies/read-facts";
import { networkSummary, planNetworks } from "../../program/networks";
import { buildPhysical, type PhysicalLayer } from "../../program/physical";
import { planSite } from "../../program/site";
import { cleanFleets, fleetWith, MINIMAL_FLEET } from "../helpers/fleet-fixture";
import { PHYSICAL_TYPES } from "../helpers/type-tokens";
import { countByType, eventually, parentAndType, recordResources, urns, type Recording } from "../helpers/mocks";

function fixture(dir = MINIMAL_FLEET) {
  const { fleet, expanded } = loadFleet(dir);
  return { fleet: fleet!, expanded: expanded[0]!, facts: siteFacts(fleet!, expanded[0]!) };
}

async function build(shard: string, dir = MINIMAL_FLEET): Promise<{ layer: PhysicalLayer; recorded: Recording; byName: Map<string, string> }> {
  const recorded = recordResources(PHYSICAL_TYPES);
  const { fleet, expanded, facts } = fixture(dir);
  const layer = buildPhysical(fleet, expanded, { shard, racksPerShard: 64, switchesPerShard: 512 }, facts);
  const byName = await urns(layer.resources);
  assert.deepEqual(recorded.refused, []);
  return { layer, recorded, byName };
}

describe("physical layer", () => {
  after(cleanFleets);
  it("builds the site shard: facility, pools, storage and the four networks, all under the site", async () => {
    const { recorded, byName, layer } = await build("site");
    assert.deepEqual(countByType(recorded), {
      "gigafactory:site:Site": 1,
      "gigafactory:compute:GpuNodePool": 2,
      "gigafactory:storage:StorageSystem": 1,
      "gigafactory:network:ComputeFabric": 1,
      "gigafactory:network:StorageFabric": 1,
      "gigafactory:network:ManagementNetwork": 1,
      "gigafactory:network:OutOfBandNetwork": 1,
    });
    assert.deepEqual([...byName.keys()].sort(), [
      "tst-1",
      "tst-1-compute",
      "tst-1-inband",
      "tst-1-oob",
      "tst-1-research",
      "tst-1-startup",
      "tst-1-storage",
      "tst-1-tst-nfs",
    ]);
    for (const [name, urn] of byName) {
      if (name !== "tst-1") assert.equal(parentAndType(urn)[0], "gigafactory:site:Site", `${name} should hang below the site`);
    }
    assert.deepEqual(parentAndType(byName.get("tst-1")!), ["gigafactory:site:Site"]);
    const site = recorded.find((r) => r.type === "gigafactory:site:Site")!;
    assert.equal(site.inputs.country, "LV");
    const { facts } = fixture();
    assert.deepEqual(readSiteFacts(site.inputs), { facts }, "the facts reach the engine as the site's inputs, and the pack reads them back whole");
    const outputs = layer.outputs as Record<string, Record<string, unknown>>;
    assert.deepEqual(outputs.pools, { research: { nodes: 3, gpus: 24 }, startup: { nodes: 1, gpus: 8 } });
    assert.deepEqual(outputs.powerBudget!.halls, [
      { hall: "h1", racks: 2, itKW: 42, usableKW: 69.8, tightestRack: { name: "tst-1-h1-r001", headroomKW: 13.9 } },
    ]);
    assert.equal(outputs.powerBudget!.facilityKW, 50.4);
    assert.deepEqual((outputs.addressPlan as Record<string, unknown>).rails, [
      "10.8.0.0/20",
      "10.8.16.0/20",
      "10.8.32.0/20",
      "10.8.48.0/20",
      "10.8.64.0/20",
      "10.8.80.0/20",
      "10.8.96.0/20",
      "10.8.112.0/20",
    ]);
    assert.deepEqual(outputs.fabrics!.compute, { technology: "infiniband", tiers: 2, leaf: 8, spine: 4, core: 0, cables: 32 + 256, oversubscription: 1 });
    assert.deepEqual(outputs.shards, ["site", "fabric-b0", "h1-b0"]);
    const pool = recorded.find((r) => r.name === "tst-1-research")!;
    assert.deepEqual(pool.inputs, { blueprint: "hgx-h200", tenantClass: "research", nodeCount: 3 });
    const oob = recorded.find((r) => r.type === "gigafactory:network:OutOfBandNetwork")!;
    assert.equal(oob.inputs.cidr, "10.0.0.0/20");
  });

  it("builds a hall shard: the hall and its block of racks, named from their parents", async () => {
    const { recorded, byName, layer } = await build("h1-b0");
    assert.deepEqual(countByType(recorded), { "gigafactory:site:Site": 1, "gigafactory:site:Hall": 1, "gigafactory:site:Rack": 2 });
    assert.deepEqual(parentAndType(byName.get("tst-1-h1")!), ["gigafactory:site:Site", "gigafactory:site:Hall"]);
    assert.deepEqual(parentAndType(byName.get("tst-1-h1-r002")!), ["gigafactory:site:Hall", "gigafactory:site:Rack"]);
    assert.deepEqual(layer.outputs.racks, ["tst-1-h1-r001", "tst-1-h1-r002"]);
    const rack = layer.resources[3] as unknown as { nodes: { hostname: string; bmc: { url: string } }[]; drawKW: number };
    assert.deepEqual(
      rack.nodes.map((n) => [n.hostname, n.bmc.url]),
      [
        ["tst-1-h1-r002-n01", "redfish://10.0.0.33/redfish/v1/Systems/1"],
        ["tst-1-h1-r002-n02", "redfish://10.0.0.34/redfish/v1/Systems/1"],
      ],
    );
    assert.equal(rack.drawKW, 21);
  });

  it("builds a fabric shard: the compute fabric's switches with their port maps", async () => {
    const { recorded, byName } = await build("fabric-b0");
    assert.deepEqual(countByType(recorded), { "gigafactory:site:Site": 1, "gigafactory:network:ComputeFabric": 1, "gigafactory:network:Switch": 12 });
    assert.deepEqual(parentAndType(byName.get("tst-1-compute")!), ["gigafactory:site:Site", "gigafactory:network:ComputeFabric"]);
    assert.deepEqual(parentAndType(byName.get("tst-1-compute-spine01")!), ["gigafactory:network:ComputeFabric", "gigafactory:network:Switch"]);
    const leaf = recorded.find((r) => r.type === "gigafactory:network:Switch" && r.inputs.role === "leaf")!;
    assert.equal(leaf.inputs.rail, 1);
  });

  it("builds the shards of a compute fabric wired for halls: a hall's spine groups with their leaves, and the cores", async () => {
    const compute = "compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400 }";
    const dir = fleetWith("sites/tst-1.yaml", compute, compute.replace(" }", ", switchRadix: 16, growth: halls }"));
    const hall = await build("fabric-h1-b0", dir);
    // 4 servers of 8 rails: a leaf a rail, each in a spine group of 8 spines.
    assert.deepEqual(countByType(hall.recorded), { "gigafactory:site:Site": 1, "gigafactory:network:ComputeFabric": 1, "gigafactory:network:Switch": 8 + 64 });
    assert.deepEqual(parentAndType(hall.byName.get("tst-1-compute-h1-rail8-g1-spine08")!), ["gigafactory:network:ComputeFabric", "gigafactory:network:Switch"]);
    assert.deepEqual(hall.layer.outputs.shards, ["site", "fabric-h1-b0", "fabric-core-b0", "h1-b0"]);
    const cores = await build("fabric-core-b0", dir);
    assert.equal(cores.recorded.filter((r) => r.type === "gigafactory:network:Switch").length, 8 * 8);
    assert.ok(cores.byName.has("tst-1-compute-plane08-core08"));
  });

  it("reports figures read from the plans that built the components, which carry the same figures", async () => {
    const { expanded } = fixture();
    const { layer } = await build("site");
    const plan = planSite(expanded);
    assert.deepEqual(layer.outputs.powerBudget, plan.budget);
    assert.equal(layer.outputs.accelerators, 32);
    assert.equal(layer.outputs.accelerators, plan.accelerators);
    assert.equal(layer.site.accelerators, plan.accelerators);
    assert.deepEqual(layer.outputs.fabrics, networkSummary("infiniband", planNetworks(expanded)));
    assert.deepEqual(layer.outputs.storageTB, { "tst-nfs": storageCapacityTB(expanded.site.storage[0]!) });
    const pool = layer.resources.find((r) => r instanceof GpuNodePool && r.nodeCount === 3) as GpuNodePool;
    assert.deepEqual((layer.outputs.pools as Record<string, unknown>).research, { nodes: pool.nodeCount, gpus: pool.gpuCount });
    const hall = await build("h1-b0");
    const totals = rackTotals(expanded.racks);
    assert.deepEqual([hall.layer.outputs.shardItPowerKW, hall.layer.outputs.shardAccelerators], [totals.itPowerKW, totals.accelerators]);
    assert.deepEqual([hall.layer.outputs.shardItPowerKW, hall.layer.outputs.shardAccelerators], [42, 32]);
    const component = hall.layer.resources.find((r) => r instanceof Hall) as Hall;
    assert.deepEqual([component.itPowerKW, component.accelerators], [totals.itPowerKW, totals.accelerators]);
  });

  it("refuses a shard the site does not have", () => {
    recordResources(PHYSICAL_TYPES);
    const { fleet, expanded, facts } = fixture();
    assert.throws(() => buildPhysical(fleet, expanded, { shard: "h9-b0", racksPerShard: 64, switchesPerShard: 512 }, facts), {
      message: 'site [tst-1] has no shard "h9-b0"; its shards are site, fabric-b0, h1-b0',
    });
  });

  it("the recording mocks refuse a type token nobody expected", async () => {
    const recorded = recordResources(["gigafactory:site:Hall"]);
    const { fleet, expanded, facts } = fixture();
    buildPhysical(fleet, expanded, { shard: "h1-b0", racksPerShard: 64, switchesPerShard: 512 }, facts);
    await eventually(() => recorded.refused.length > 0);
    assert.equal(recorded.refused[0], "unexpected resource type gigafactory:site:Site (tst-1)");
    assert.equal(recorded.length, 0);
  });
});
