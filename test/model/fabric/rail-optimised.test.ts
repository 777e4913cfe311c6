/** Compute-fabric sizing: the published DGX SuperPOD tables, GB200 NVL72 SUs, options, and every validation. */
import assert from "node:assert/strict";
import { sizeComputeFabric, type FabricNodeGroup, type FabricOptions, type FabricSizing } from "../../../model/fabric";

const IB: FabricOptions = { technology: "infiniband" };
const hgx = (nodes: number): FabricNodeGroup => ({ nodes, rails: 8, railSpeedGbps: 400 });

/** The columns the reference architectures publish. */
function row(s: FabricSizing): number[] {
  return [s.leaf.switches, s.spine.switches, s.core.switches, s.cables.nodeLeaf, s.cables.leafSpine, s.cables.spineCore];
}

describe("compute fabric sizing", () => {
  describe("DGX SuperPOD H100/B200 (radix 64, 8 rails, 32 nodes per SU)", () => {
    // SU: [leaf, spine, core, node-leaf, leaf-spine, spine-core]; B200 RA table plus 1 SU from the H100 RA.
    const table: [number, number[]][] = [
      [1, [8, 4, 0, 256, 256, 0]],
      [2, [16, 8, 0, 512, 512, 0]],
      [4, [32, 16, 0, 1024, 1024, 0]],
      [8, [64, 32, 0, 2048, 2048, 0]],
      [16, [128, 128, 64, 4096, 4096, 4096]],
      [32, [256, 256, 128, 8192, 8192, 8192]],
      [64, [512, 512, 256, 16384, 16384, 16384]],
    ];
    for (const [su, expected] of table) {
      it(`${su} SU = ${expected[0]} leaf / ${expected[1]} spine / ${expected[2]} core`, () => {
        const s = sizeComputeFabric("pod", [hgx(su * 32)], IB);
        assert.equal(s.scalableUnits, su);
        assert.deepEqual(row(s), expected);
        assert.equal(s.tiers, su <= 8 ? 2 : 3);
      });
    }

    it("1 SU: each of the 8 leaves reaches each of the 4 spines over 8 links (8 × 32 = 256 = 4 × 64)", () => {
      const s = sizeComputeFabric("pod", [hgx(32)], IB);
      assert.deepEqual([s.leafDownlinks, s.leafUplinks, s.spinesPerGroup, s.linksPerLeafSpine], [32, 32, 4, 8]);
      assert.deepEqual(s.spine, { switches: 4, portsProvisioned: 256, portsUsed: 256 });
    });

    it("4 SU with 127 nodes (1,016 GPUs): the fourth SU is built whole; 1,016 node-leaf and 1,024 leaf-spine cables", () => {
      const s = sizeComputeFabric("pod", [hgx(127)], IB);
      assert.deepEqual(row(s), [32, 16, 0, 1016, 1024, 0]);
      assert.deepEqual(s.leaf, { switches: 32, portsProvisioned: 2048, portsUsed: 2040 });
      assert.equal(s.cables.total, 2040);
    });

    it("16 SU: rail-aligned spine groups of 16 spines, 16 core planes of 4 cores", () => {
      const s = sizeComputeFabric("pod", [hgx(512)], IB);
      assert.deepEqual([s.spineGroups, s.spinesPerGroup, s.linksPerLeafSpine, s.corePlanes, s.coresPerPlane, s.linksPerSpineCore], [8, 16, 2, 16, 4, 8]);
      assert.deepEqual(s.core, { switches: 64, portsProvisioned: 4096, portsUsed: 4096 });
      assert.equal(s.maxNodePorts, 64 * 32 * 32);
    });

    it("2-tier reaches radix²/2 = 2,048 node ports; one more SU needs a core", () => {
      assert.equal(sizeComputeFabric("pod", [hgx(256)], IB).maxNodePorts, 2048);
      assert.equal(sizeComputeFabric("pod", [hgx(257)], IB).tiers, 3);
    });
  });

  describe("DGX SuperPOD B300 XDR (Quantum-X800, radix 144 × 800G, 72 nodes per SU)", () => {
    // Published: 4 SU = 32 leaf / 18 spine, 8 SU = 64 / 36: spines are a divisor of the 72 uplinks.
    const table: [number, number[]][] = [
      [1, [8, 4, 0, 576, 576, 0]],
      [2, [16, 8, 0, 1152, 1152, 0]],
      [4, [32, 18, 0, 2304, 2304, 0]],
      [8, [64, 36, 0, 4608, 4608, 0]],
      [18, [144, 72, 0, 10368, 10368, 0]],
    ];
    for (const [su, expected] of table) {
      it(`${su} SU = ${expected[0]} leaf / ${expected[1]} spine`, () => {
        const s = sizeComputeFabric("xdr", [{ nodes: su * 72, rails: 8, railSpeedGbps: 800 }], {
          technology: "infiniband",
          switchRadix: 144,
          switchPortSpeedGbps: 800,
        });
        assert.equal(s.scalableUnits, su);
        assert.deepEqual(row(s), expected);
      });
    }
  });

  describe("GB200 NVL72 (SU = 8 racks × 18 trays = 144 trays, 4 rails, radix 64)", () => {
    const gb200 = (su: number): FabricNodeGroup => ({ nodes: su * 144, rails: 4, railSpeedGbps: 400, nodesPerScalableUnit: 144 });

    it("1 SU: 5 leaves per rail (ceil 144/32), 20 leaves; 16 spines, the smallest divisor of 32 giving 640 ports", () => {
      const s = sizeComputeFabric("nvl", [gb200(1)], IB);
      assert.deepEqual(s.groups[0], {
        nodes: 144,
        rails: 4,
        railSpeedGbps: 400,
        nodesPerScalableUnit: 144,
        scalableUnits: 1,
        firstScalableUnit: 1,
        leavesPerRailPerScalableUnit: 5,
        leaves: 20,
      });
      assert.deepEqual(row(s), [20, 16, 0, 576, 640, 0]);
      assert.equal(s.linksPerLeafSpine, 2);
    });

    it("2 SU: 40 leaves, 32 spines; 4 SU: 80 leaves > 64 so 3 tiers, 4 rail groups of 20 leaves", () => {
      assert.deepEqual(row(sizeComputeFabric("nvl", [gb200(2)], IB)), [40, 32, 0, 1152, 1280, 0]);
      const four = sizeComputeFabric("nvl", [gb200(4)], IB);
      assert.deepEqual(row(four), [80, 128, 64, 2304, 2560, 4096]);
      assert.deepEqual([four.spineGroups, four.spinesPerGroup, four.coresPerPlane], [4, 32, 2]);
    });

    it("8 SU (4,608 GPUs): 160 leaf / 256 spine / 128 core", () => {
      assert.deepEqual(row(sizeComputeFabric("nvl", [gb200(8)], IB)), [160, 256, 128, 4608, 5120, 8192]);
    });

    it("6 SUs share a rail's spine group (30 leaves ≤ 32); the 7th opens a second group", () => {
      assert.equal(sizeComputeFabric("nvl", [gb200(6)], IB).spineGroups, 4);
      assert.equal(sizeComputeFabric("nvl", [gb200(7)], IB).spineGroups, 8);
    });
  });

  describe("options", () => {
    it("3:1 oversubscription: 48 down / 16 up per leaf; SU defaults to 48 nodes", () => {
      const s = sizeComputeFabric("ovs", [hgx(96)], { technology: "infiniband", oversubscription: 3 });
      assert.deepEqual([s.leafDownlinks, s.leafUplinks, s.oversubscription, s.scalableUnits], [48, 16, 3, 2]);
      assert.deepEqual(row(s), [16, 4, 0, 768, 256, 0]);
    });

    it("a non-integer ratio keeps the leaf within its radix and reports the ratio it got", () => {
      const s = sizeComputeFabric("ovs", [hgx(10)], { technology: "infiniband", oversubscription: 2 });
      assert.deepEqual([s.leafDownlinks, s.leafUplinks, s.oversubscription], [42, 21, 2]);
    });

    it("Ethernet and InfiniBand size alike; Ethernet defaults to 800G switch ports, so 400G rails see 1:2", () => {
      const ib = sizeComputeFabric("f", [hgx(128)], IB);
      const eth = sizeComputeFabric("f", [hgx(128)], { technology: "ethernet" });
      assert.deepEqual(row(eth), row(ib));
      assert.deepEqual([ib.switchPortSpeedGbps, ib.bandwidthOversubscription], [400, 1]);
      assert.deepEqual([eth.technology, eth.switchPortSpeedGbps, eth.bandwidthOversubscription], ["ethernet", 800, 0.5]);
    });

    it("SN5600 split to 128 × 400G: 64 nodes per SU, one leaf per rail", () => {
      const s = sizeComputeFabric("spx", [hgx(128)], { technology: "ethernet", switchRadix: 128, switchPortSpeedGbps: 400 });
      assert.deepEqual([s.scalableUnits, s.leaf.switches, s.spine.switches, s.tiers], [2, 16, 8, 2]);
    });

    it("groups of different SKUs get their own SUs, numbered in order, under one spine layer", () => {
      const s = sizeComputeFabric("mix", [hgx(40), { nodes: 144, rails: 4, railSpeedGbps: 400, nodesPerScalableUnit: 144 }], IB);
      assert.deepEqual(
        s.groups.map((g) => [g.firstScalableUnit, g.scalableUnits, g.leaves]),
        [
          [1, 2, 16],
          [3, 1, 20],
        ],
      );
      assert.deepEqual(row(s), [36, 32, 0, 40 * 8 + 576, 36 * 32, 0]);
    });

    it("a group with no nodes adds nothing", () => {
      assert.deepEqual(row(sizeComputeFabric("f", [hgx(32), hgx(0)], IB)), row(sizeComputeFabric("f", [hgx(32)], IB)));
    });
  });

  describe("validation", () => {
    const cases: [string, () => unknown, string][] = [
      [
        "radix odd",
        () => sizeComputeFabric("f", [hgx(32)], { technology: "infiniband", switchRadix: 63 }),
        "fabric [f] switchRadix 63 should be an even integer of at least 4",
      ],
      [
        "radix below 4",
        () => sizeComputeFabric("f", [hgx(32)], { technology: "infiniband", switchRadix: 2 }),
        "fabric [f] switchRadix 2 should be an even integer of at least 4",
      ],
      ["zero nodes", () => sizeComputeFabric("f", [hgx(0)], IB), "fabric [f] has no nodes; at least one group needs nodes"],
      ["no groups", () => sizeComputeFabric("f", [], IB), "fabric [f] has no node groups; give at least one"],
      ["negative nodes", () => sizeComputeFabric("f", [hgx(-1)], IB), "fabric [f] group [1] nodes -1 should be a whole number"],
      [
        "rails zero",
        () => sizeComputeFabric("f", [hgx(8), { nodes: 4, rails: 0, railSpeedGbps: 400 }], IB),
        "fabric [f] group [2] rails 0 should be a positive integer",
      ],
      [
        "rail speed",
        () => sizeComputeFabric("f", [{ nodes: 4, rails: 8, railSpeedGbps: 0 }], IB),
        "fabric [f] group [1] railSpeedGbps 0 should be a positive number",
      ],
      [
        "rails faster than the switch",
        () => sizeComputeFabric("f", [{ nodes: 4, rails: 8, railSpeedGbps: 800 }], IB),
        "fabric [f] group [1] railSpeedGbps 800 is faster than the switch ports (switchPortSpeedGbps 400)",
      ],
      [
        "SU rail wider than a spine group",
        () => sizeComputeFabric("f", [{ nodes: 4, rails: 8, railSpeedGbps: 400, nodesPerScalableUnit: 1025 }], IB),
        "fabric [f] group [1] nodesPerScalableUnit 1025 needs 33 leaves per rail, more than the 32 leaves a spine group of radix 64 holds",
      ],
      [
        "SU size",
        () => sizeComputeFabric("f", [hgx(4)], { technology: "infiniband", nodesPerScalableUnit: 0 }),
        "fabric [f] nodesPerScalableUnit 0 should be a positive integer",
      ],
      [
        "oversubscription below 1",
        () => sizeComputeFabric("f", [hgx(4)], { technology: "infiniband", oversubscription: 0.5 }),
        "fabric [f] oversubscription 0.5 should be a number of at least 1 (downlinks per uplink; 1 is non-blocking)",
      ],
      [
        "technology",
        () => sizeComputeFabric("f", [hgx(4)], { technology: "omnipath" as never }),
        'fabric [f] technology omnipath should be "infiniband" or "ethernet"',
      ],
      [
        "switch speed",
        () => sizeComputeFabric("f", [hgx(4)], { technology: "ethernet", switchPortSpeedGbps: -800 }),
        "fabric [f] switchPortSpeedGbps -800 should be a positive number",
      ],
      [
        "name",
        () => sizeComputeFabric("Riga Compute", [hgx(4)], IB),
        "fabric [Riga Compute] name should be lowercase letters, digits and inner hyphens (a DNS label), as it prefixes every switch name",
      ],
      [
        "beyond three tiers",
        () => sizeComputeFabric("f", [hgx(8193)], IB),
        "fabric [f] needs 72 spine groups (2056 leaves) but a 3-tier fat tree of switchRadix 64 joins at most 64 (65536 node ports); use a larger radix or split the fabric",
      ],
    ];
    for (const [what, call, message] of cases) {
      it(`rejects ${what}`, () => assert.throws(call, { message }));
    }

    it("accepts the largest 3-tier build of radix 64: 8,192 nodes × 8 rails in 64 spine groups of 32 leaves", () => {
      const s = sizeComputeFabric("f", [hgx(8192)], IB);
      assert.deepEqual([s.tiers, s.spineGroups, s.leaf.switches, s.spine.switches, s.core.switches], [3, 64, 2048, 2048, 1024]);
    });
  });
});
