/** Per-switch configuration documents: exact documents for a small fabric, SuperPOD port maps, properties, errors, scale. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildComputeFabric, PRIVATE_ASN_FIRST, type EthernetAddressing, type FabricHostGroup, type FabricOptions } from "../../../model/fabric";
import { checkWiring } from "./wiring";

/** `count` hosts named like the ledger: 32 per rack. */
function hosts(count: number, site = "riga-1"): { hostname: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    hostname: `${site}-h1-r${String(1 + Math.floor(i / 32)).padStart(3, "0")}-n${String(1 + (i % 32)).padStart(2, "0")}`,
  }));
}

const hgx = (count: number): FabricHostGroup => ({ rails: 8, railSpeedGbps: 400, hosts: hosts(count) });
const IB: FabricOptions = { technology: "infiniband" };

describe("compute fabric switch configurations", () => {
  describe("a small fabric, exactly (radix 8: 4 down, 4 up; 3 hosts of 2 rails)", () => {
    const groups: FabricHostGroup[] = [{ rails: 2, railSpeedGbps: 400, hosts: [{ hostname: "a" }, { hostname: "b" }, { hostname: "c", rails: 1 }] }];

    it("InfiniBand: leaves per rail, one spine with 4 links to each leaf, no addresses", () => {
      const { sizing, switches } = buildComputeFabric("t", groups, { technology: "infiniband", switchRadix: 8 });
      assert.deepEqual([sizing.leaf.switches, sizing.spine.switches, sizing.cables.nodeLeaf, sizing.cables.leafSpine], [2, 1, 5, 8]);
      const up = (leafPort: number, spinePort: number) => ({
        port: leafPort,
        speedGbps: 400,
        neighbour: { kind: "switch", name: "t-spine01", port: spinePort },
      });
      assert.deepEqual(switches[1], {
        name: "t-su01-rail2-leaf",
        role: "leaf",
        fabric: "t",
        technology: "infiniband",
        su: 1,
        rail: 2,
        ports: [
          { port: 1, speedGbps: 400, neighbour: { kind: "node", name: "a", port: 2 } },
          { port: 2, speedGbps: 400, neighbour: { kind: "node", name: "b", port: 2 } },
          up(5, 5),
          up(6, 6),
          up(7, 7),
          up(8, 8),
        ],
      });
      assert.deepEqual(
        switches[2]!.ports.map((p) => [p.port, p.neighbour.name, p.neighbour.port]),
        [1, 2, 3, 4, 5, 6, 7, 8].map((p) => [p, p <= 4 ? "t-su01-rail1-leaf" : "t-su01-rail2-leaf", 4 + ((p - 1) % 4) + 1]),
      );
    });

    it("Ethernet: /31 per link (spine even, leaf odd), loopbacks in switch order, leaf and spine ASNs, leaf VRFs", () => {
      const addressing: EthernetAddressing = { p2pCidr: "10.254.0.0/24", loopbackCidr: "10.255.0.0/24", leafVrfs: ["tenant-a"] };
      const { switches } = buildComputeFabric("t", groups, { technology: "ethernet", switchRadix: 8, switchPortSpeedGbps: 400 }, addressing);
      const [leaf1, leaf2, spine] = switches;
      assert.deepEqual(
        { ...leaf2!, ports: leaf2!.ports.slice(2, 3) },
        {
          name: "t-su01-rail2-leaf",
          role: "leaf",
          fabric: "t",
          technology: "ethernet",
          su: 1,
          rail: 2,
          ports: [{ port: 5, speedGbps: 400, neighbour: { kind: "switch", name: "t-spine01", port: 5 }, address: "10.254.0.9/31" }],
          loopback: "10.255.0.1/32",
          asn: PRIVATE_ASN_FIRST + 2,
          vrfs: ["tenant-a"],
        },
      );
      assert.deepEqual([leaf1!.ports[3]!.address, leaf1!.ports[6]!.address], ["10.254.0.1/31", "10.254.0.7/31"]);
      assert.deepEqual(
        spine!.ports.map((p) => p.address),
        [0, 2, 4, 6, 8, 10, 12, 14].map((a) => `10.254.0.${a}/31`),
      );
      assert.deepEqual([spine!.loopback, spine!.asn, spine!.vrfs], ["10.255.0.2/32", PRIVATE_ASN_FIRST + 3, undefined]);
    });
  });

  describe("DGX SuperPOD port maps", () => {
    it("1 SU: riga-1-h1-r001-n01 rail 3 is port 1 of su01-rail3-leaf; that leaf's ports 33-64 go 8 each to spines 1-4", () => {
      const { switches } = buildComputeFabric("riga-1-compute", [hgx(32)], IB);
      const leaf = switches.find((s) => s.name === "riga-1-compute-su01-rail3-leaf")!;
      assert.deepEqual(leaf.ports[0], { port: 1, speedGbps: 400, neighbour: { kind: "node", name: "riga-1-h1-r001-n01", port: 3 } });
      assert.deepEqual(leaf.ports[31]!.neighbour, { kind: "node", name: "riga-1-h1-r001-n32", port: 3 });
      assert.deepEqual(
        leaf.ports.slice(32).map((p) => [p.port, p.neighbour.name, p.neighbour.port]),
        Array.from({ length: 32 }, (_, t) => [33 + t, `riga-1-compute-spine0${1 + Math.floor(t / 8)}`, 2 * 8 + (t % 8) + 1]),
      );
      assert.deepEqual(
        switches.filter((s) => s.role === "spine").map((s) => [s.name, s.ports.length]),
        [1, 2, 3, 4].map((n) => [`riga-1-compute-spine0${n}`, 64]),
      );
    });

    it("4 SU with 127 nodes: su04-rail8-leaf has 31 nodes and all 32 uplinks", () => {
      const { switches } = buildComputeFabric("pod", [hgx(127)], IB);
      const leaf = switches.find((s) => s.name === "pod-su04-rail8-leaf")!;
      assert.equal(leaf.ports.filter((p) => p.neighbour.kind === "node").length, 31);
      assert.equal(leaf.ports.filter((p) => p.neighbour.kind === "switch").length, 32);
      assert.equal(switches.length, 48);
    });

    it("16 SU: rail-aligned spine groups, core planes, every core port used", () => {
      const fabric = buildComputeFabric("pod", [hgx(512)], IB);
      const { switches } = fabric;
      assert.deepEqual([switches.length, switches.at(-1)!.name, switches.find((s) => s.name === "pod-spine17")], [320, "pod-core64", switches[128 + 16]]);
      const spine17 = switches[128 + 16]!;
      assert.deepEqual([spine17.rail, spine17.spineGroup, spine17.plane], [2, 2, 1]);
      // Spine group 2 is rail 2 of SUs 1-16: each leaf on 2 ports, spine uplinks 33-64 to cores 1-4 (plane 1), 8 each.
      assert.deepEqual(
        spine17.ports.slice(0, 2).map((p) => p.neighbour.name),
        ["pod-su01-rail2-leaf", "pod-su01-rail2-leaf"],
      );
      assert.deepEqual(spine17.ports[31]!.neighbour.name, "pod-su16-rail2-leaf");
      assert.deepEqual(
        [spine17.ports[32]!.neighbour, spine17.ports[63]!.neighbour],
        [
          { kind: "switch", name: "pod-core01", port: 9 },
          { kind: "switch", name: "pod-core04", port: 16 },
        ],
      );
      const core1 = switches.find((s) => s.name === "pod-core01")!;
      assert.deepEqual([core1.plane, core1.ports.length, new Set(core1.ports.map((p) => p.neighbour.name)).size], [1, 64, 8]);
      checkWiring(fabric, [hgx(512)]);
    });

    it("GB200 NVL72 SU: five leaves per rail, leaf5 takes trays 129-144", () => {
      const trays = hosts(144, "riga-2");
      const fabric = buildComputeFabric("nvl", [{ rails: 4, railSpeedGbps: 400, nodesPerScalableUnit: 144, hosts: trays }], IB);
      const names = fabric.switches.filter((s) => s.role === "leaf").map((s) => s.name);
      assert.deepEqual(names.slice(0, 6), [
        "nvl-su01-rail1-leaf1",
        "nvl-su01-rail1-leaf2",
        "nvl-su01-rail1-leaf3",
        "nvl-su01-rail1-leaf4",
        "nvl-su01-rail1-leaf5",
        "nvl-su01-rail2-leaf1",
      ]);
      const leaf5 = fabric.switches[4]!;
      const nodes = leaf5.ports.filter((p) => p.neighbour.kind === "node");
      assert.deepEqual([nodes.length, nodes[0]!.neighbour.name, nodes.at(-1)!.port], [16, trays[128]!.hostname, 16]);
      checkWiring(fabric, [{ rails: 4, railSpeedGbps: 400, nodesPerScalableUnit: 144, hosts: trays }]);
    });
  });

  describe("Ethernet underlay", () => {
    it("3 tiers: every leaf its own ASN, the spines of a group share one, all cores share one (RFC 7938)", () => {
      const groups = [{ rails: 2, railSpeedGbps: 400, hosts: hosts(40) }];
      const options: FabricOptions = { technology: "ethernet", switchRadix: 8, switchPortSpeedGbps: 400 };
      const fabric = buildComputeFabric("e", groups, options, { p2pCidr: "10.0.0.0/22", loopbackCidr: "10.1.0.0/24", asnBase: 4_200_001_000 });
      const { sizing, switches } = fabric;
      assert.equal(sizing.tiers, 3);
      const leaves = switches.filter((s) => s.role === "leaf");
      assert.equal(new Set(leaves.map((s) => s.asn)).size, leaves.length);
      const spineAsns = new Map<number, Set<number>>();
      for (const s of switches.filter((x) => x.role === "spine")) spineAsns.set(s.spineGroup!, (spineAsns.get(s.spineGroup!) ?? new Set()).add(s.asn!));
      assert.equal(spineAsns.size, sizing.spineGroups);
      for (const asns of spineAsns.values()) assert.equal(asns.size, 1);
      assert.equal(new Set(switches.filter((s) => s.role === "core").map((s) => s.asn)).size, 1);
      const all = switches.map((s) => s.asn!);
      assert.equal(new Set(all).size, leaves.length + sizing.spineGroups + 1);
      assert.ok(all.every((a) => a >= 4_200_001_000 && a <= 4_294_967_294));
      assert.equal(new Set(switches.map((s) => s.loopback)).size, switches.length);
      checkWiring(fabric, groups, "10.0.0.0/22");
    });
  });

  describe("properties", () => {
    // Sizes kept mostly within what 3 tiers of the radix can take, so few cases are refused.
    const arbitraryFabric = fc
      .constantFrom(4, 6, 8, 12, 16)
      .chain((radix) =>
        fc.record({
          radix: fc.constant(radix),
          oversubscription: fc.constantFrom(1, 1, 2, 3),
          ethernet: fc.boolean(),
          groups: fc.array(
            fc.integer({ min: 1, max: 8 }).chain((rails) =>
              fc.record({
                rails: fc.constant(rails),
                nodes: fc.integer({ min: 0, max: Math.min(80, Math.floor(radix ** 3 / 12 / rails)) }),
                perSu: fc.option(fc.integer({ min: 1, max: (radix / 2) ** 2 }), { nil: undefined }),
                missing: fc.array(fc.nat(), { maxLength: 3 }),
              }),
            ),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      )
      .map(({ radix, oversubscription, ethernet, groups }) => {
        let n = 0;
        const hostGroups: FabricHostGroup[] = groups.map((g) => ({
          rails: g.rails,
          railSpeedGbps: 400,
          ...(g.perSu !== undefined ? { nodesPerScalableUnit: g.perSu } : {}),
          // A few hosts cable fewer rails than their group.
          hosts: Array.from({ length: g.nodes }, (_, i) => {
            const name = { hostname: `h${++n}` };
            const short = g.missing.find((m) => m % Math.max(1, g.nodes) === i);
            return short === undefined ? name : { ...name, rails: 1 + (short % g.rails) };
          }),
        }));
        const options: FabricOptions = { technology: ethernet ? "ethernet" : "infiniband", switchRadix: radix, oversubscription, switchPortSpeedGbps: 400 };
        return { hostGroups, options };
      });

    /** Builds, or returns undefined for inputs the builder rightly refuses (no nodes, beyond 3 tiers, SU too wide). */
    function tryBuild(hostGroups: FabricHostGroup[], options: FabricOptions, addressing?: EthernetAddressing) {
      try {
        return buildComputeFabric("p", hostGroups, options, addressing);
      } catch (e) {
        const m = (e as Error).message;
        if (/has no nodes|joins at most|leaves a spine group of radix/.test(m)) return undefined;
        throw e;
      }
    }

    it("cables every node rail to exactly one leaf port, uses no port twice, conserves cables, names and addresses uniquely", () => {
      fc.assert(
        fc.property(arbitraryFabric, ({ hostGroups, options }) => {
          const p2p = "10.128.0.0/16";
          const fabric = tryBuild(hostGroups, options, options.technology === "ethernet" ? { p2pCidr: p2p, loopbackCidr: "10.255.0.0/16" } : undefined);
          fc.pre(fabric !== undefined);
          checkWiring(fabric, hostGroups, options.technology === "ethernet" ? p2p : undefined);
        }),
        { numRuns: 200 },
      );
    });

    it("is deterministic: the same input gives a deep-equal fabric", () => {
      fc.assert(
        fc.property(arbitraryFabric, ({ hostGroups, options }) => {
          const addressing = options.technology === "ethernet" ? { p2pCidr: "10.128.0.0/16" } : undefined;
          const first = tryBuild(hostGroups, options, addressing);
          fc.pre(first !== undefined);
          assert.deepEqual(tryBuild(structuredClone(hostGroups), { ...options }, addressing), first);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe("validation", () => {
    const eth: FabricOptions = { technology: "ethernet" };
    const cases: [string, () => unknown, string][] = [
      [
        "a host with more rails than its group has leaves for",
        () => buildComputeFabric("f", [{ rails: 8, railSpeedGbps: 400, hosts: [{ hostname: "riga-1-h1-r001-n01", rails: 9 }] }], IB),
        "fabric [f] node [riga-1-h1-r001-n01] rails 9 should be between 1 and its group's 8 rails (one leaf port per rail)",
      ],
      ["a host twice", () => buildComputeFabric("f", [hgx(2), hgx(1)], IB), "fabric [f] node [riga-1-h1-r001-n01] appears twice"],
      [
        "a host without a name",
        () => buildComputeFabric("f", [{ rails: 8, railSpeedGbps: 400, hosts: [{ hostname: "" }] }], IB),
        "fabric [f] group [1] host 1 has no hostname",
      ],
      ["zero hosts", () => buildComputeFabric("f", [hgx(0)], IB), "fabric [f] has no nodes; at least one group needs nodes"],
      [
        "Ethernet without addressing",
        () => buildComputeFabric("f", [hgx(4)], eth),
        "fabric [f] is Ethernet and needs addressing with a p2pCidr for its /31 links",
      ],
      [
        "a p2p range too small",
        () => buildComputeFabric("f", [hgx(4)], eth, { p2pCidr: "10.0.0.0/24" }),
        "fabric [f] p2pCidr 10.0.0.0/24 holds 128 /31 links but the fabric has 256",
      ],
      [
        "a malformed p2p range",
        () => buildComputeFabric("f", [hgx(4)], eth, { p2pCidr: "10.0.0.1/24" }),
        'fabric [f] p2pCidr "10.0.0.1/24" has host bits set; the network is 10.0.0.0/24',
      ],
      [
        "a loopback range too small",
        () => buildComputeFabric("f", [hgx(4)], eth, { p2pCidr: "10.0.0.0/16", loopbackCidr: "10.1.0.0/29" }),
        "fabric [f] loopbackCidr 10.1.0.0/29 holds 8 loopbacks but the fabric has 12 switches",
      ],
      [
        "loopbacks inside the link range",
        () => buildComputeFabric("f", [hgx(4)], eth, { p2pCidr: "10.0.0.0/16", loopbackCidr: "10.0.255.0/24" }),
        "fabric [f] loopbackCidr 10.0.255.0/24 overlaps p2pCidr 10.0.0.0/16",
      ],
      [
        "a public ASN",
        () => buildComputeFabric("f", [hgx(4)], eth, { p2pCidr: "10.0.0.0/16", asnBase: 65000 }),
        "fabric [f] asnBase 65000 should leave 10 private ASNs between 4200000000 and 4294967294",
      ],
      [
        "a VRF twice",
        () => buildComputeFabric("f", [hgx(4)], eth, { p2pCidr: "10.0.0.0/16", leafVrfs: ["a", "a"] }),
        "fabric [f] leafVrfs entry a appears twice",
      ],
      [
        "addressing on InfiniBand",
        () => buildComputeFabric("f", [hgx(4)], IB, { p2pCidr: "10.0.0.0/16" }),
        "fabric [f] is InfiniBand (its subnet manager assigns addresses); addressing applies to Ethernet only",
      ],
    ];
    for (const [what, call, message] of cases) {
      it(`rejects ${what}`, () => assert.throws(call, { message }));
    }
  });

  describe("scale", () => {
    // How long this takes is `npm run bench`'s figure fabric-documents-ms, not a bound here.
    it("builds the documents of 20,000 nodes × 8 rails (Ethernet, radix 128, 3 tiers), every port accounted for", () => {
      const fabric = buildComputeFabric(
        "big",
        [hgx(20_000)],
        { technology: "ethernet", switchRadix: 128, switchPortSpeedGbps: 400 },
        { p2pCidr: "10.64.0.0/12" },
      );
      assert.equal(fabric.sizing.cables.nodeLeaf, 160_000);
      assert.equal(
        fabric.switches.reduce((n, s) => n + s.ports.length, 0),
        fabric.sizing.leaf.portsUsed + fabric.sizing.spine.portsUsed + fabric.sizing.core.portsUsed,
      );
    });
  });
});
