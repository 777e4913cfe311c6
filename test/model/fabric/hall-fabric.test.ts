/** A compute fabric wired for halls: exact names and port maps, invariants, and that growth only adds. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildHallFabric, type ComputeFabric, type FabricOptions, type HallGroup, type SwitchConfig } from "../../../model/fabric";
import { checkWiring } from "./wiring";

const IB: FabricOptions = { technology: "infiniband" };

/** `racks` racks of `perRack` nodes of hall `hall`, named and placed like the ledger. */
function hall(id: string, racks: number, perRack: number, rails: number, perSu?: number, positions?: number): HallGroup {
  const hosts = Array.from({ length: racks * perRack }, (_, i) => ({
    hostname: `s-${id}-r${String(1 + Math.floor(i / perRack)).padStart(3, "0")}-n${String(1 + (i % perRack)).padStart(2, "0")}`,
    position: i,
  }));
  return { hall: id, rails, railSpeedGbps: 400, ...(perSu ? { nodesPerScalableUnit: perSu } : {}), ...(positions ? { positions } : {}), hosts };
}

const asGroups = (halls: readonly HallGroup[]) => halls.map((h) => ({ rails: h.rails, railSpeedGbps: h.railSpeedGbps, hosts: h.hosts }));

describe("compute fabric wired for halls", () => {
  it("names leaves by hall, rail and place, spines by hall, rail and group, cores by plane; full spine groups and a radix-sized core", () => {
    const fabric = buildHallFabric("f", [hall("h1", 8, 4, 8), hall("h2", 8, 18, 4, 144)], IB);
    const { sizing, switches } = fabric;
    // h1: 32 HGX servers (a leaf a rail, one group a rail of 32 spines); h2: 144 GB200 trays (5 leaves a rail, 4 groups of 32).
    assert.deepEqual([sizing.leaf.switches, sizing.spine.switches, sizing.core.switches, sizing.spineGroups], [28, 12 * 32, 32 * 32, 12]);
    // Leaf 5 of rail 3 takes trays 128-159 of the hall: the last 16 of rack 8, room for rack 9's first 16.
    const leaf = switches.find((s) => s.name === "f-h2-rail3-leaf005")!;
    assert.deepEqual([leaf.hall, leaf.su, leaf.rail, leaf.spineGroup], ["h2", 1, 3, 1]);
    assert.deepEqual(leaf.ports[0]!.neighbour, { kind: "node", name: "s-h2-r008-n03", port: 3 });
    assert.deepEqual(leaf.ports[16]!.neighbour, { kind: "switch", name: "f-h2-rail3-g1-spine01", port: 5 });
    const spine = switches.find((s) => s.name === "f-h1-rail2-g1-spine07")!;
    assert.deepEqual(spine.ports[0]!.neighbour, { kind: "switch", name: "f-h1-rail2-leaf001", port: 32 + 7 });
    // h1 holds core slots 0-7 (rail-major), h2 slots 8-11.
    assert.deepEqual(spine.ports[1]!.neighbour, { kind: "switch", name: "f-plane07-core01", port: 2 });
    const core = switches.find((s) => s.name === "f-plane07-core32")!;
    assert.deepEqual(
      core.ports.map((p) => [p.port, p.neighbour.name]),
      [
        ...Array.from({ length: 8 }, (_, r) => [r + 1, `f-h1-rail${r + 1}-g1-spine07`]),
        ...Array.from({ length: 4 }, (_, r) => [9 + r, `f-h2-rail${r + 1}-g1-spine07`]),
      ],
    );
    assert.deepEqual(fabric.shards, ["fabric-h1-b0", "fabric-h2-b0", "fabric-core-b0"]);
    checkWiring(fabric, asGroups([hall("h1", 8, 4, 8), hall("h2", 8, 18, 4, 144)]));
  });

  it("a core for 32 spine groups (coreSpineGroups): 2 links a spine–core pair, 16 cores a plane, half the cores", () => {
    const halls = [hall("h1", 8, 4, 8), hall("h2", 8, 18, 4, 144)];
    const fabric = buildHallFabric("f", halls, { ...IB, coreSpineGroups: 32 });
    assert.deepEqual([fabric.sizing.core.switches, fabric.sizing.coresPerPlane, fabric.sizing.linksPerSpineCore], [32 * 16, 16, 2]);
    const spine = fabric.switches.find((s) => s.name === "f-h2-rail1-g1-spine03")!;
    // h2's rail 1 group holds core slot 8: ports 17-18 of each core of plane 3.
    assert.deepEqual(
      spine.ports
        .filter((p) => p.port > 32)
        .slice(0, 4)
        .map((p) => [p.port, p.neighbour.name, p.neighbour.port]),
      [
        [33, "f-plane03-core01", 17],
        [34, "f-plane03-core01", 18],
        [35, "f-plane03-core02", 17],
        [36, "f-plane03-core02", 18],
      ],
    );
    checkWiring(fabric, asGroups(halls));
    assert.throws(() => buildHallFabric("f", halls, { ...IB, coreSpineGroups: 8 }), {
      message: "fabric [f] reserves 12 spine groups but its core is wired for 8 (coreSpineGroups); use a larger radix or a fabric per hall",
    });
    assert.throws(() => buildHallFabric("f", halls, { ...IB, coreSpineGroups: 65 }), {
      message: "fabric [f] coreSpineGroups 65 should be an integer between 1 and the switchRadix 64 (a core port a spine group)",
    });
  });

  it("renders only the shard asked for", () => {
    const { switches } = buildHallFabric("f", [hall("h1", 8, 4, 8), hall("h2", 8, 18, 4, 144)], IB, undefined, (s) => s === "fabric-h2-b0");
    assert.equal(switches.length, 20 + 4 * 32);
    assert.ok(switches.every((s) => s.hall === "h2"));
  });

  it("refuses a hall that outgrows its reserve, and a core past its radix", () => {
    assert.throws(() => buildHallFabric("f", [hall("h1", 9, 4, 8, undefined, 32)], IB), {
      message: "fabric [f] hall [h1] has nodes up to position 35 but its compute fabric is wired for 32 positions",
    });
    assert.throws(() => buildHallFabric("f", [hall("h1", 8, 4, 8, undefined, 32 * 32 * 9)], IB), {
      message: "fabric [f] reserves 72 spine groups but a core of switchRadix 64 joins at most 64; use a larger radix or a fabric per hall",
    });
  });

  describe("growth only adds", () => {
    /** Every switch of `before` is in `after` with its fields, and each of its ports unchanged (a port may be added). */
    function onlyAdds(before: ComputeFabric & { shards: readonly string[] }, after: ComputeFabric & { shards: readonly string[] }): void {
      const byName = new Map<string, SwitchConfig>(after.switches.map((s) => [s.name, s]));
      for (const s of before.switches) {
        const now = byName.get(s.name);
        assert.ok(now !== undefined, `${s.name} should still exist`);
        assert.deepEqual({ ...now, ports: [] }, { ...s, ports: [] }, `${s.name} changed`);
        const ports = new Map(now.ports.map((p) => [p.port, p]));
        for (const p of s.ports) assert.deepEqual(ports.get(p.port), p, `${s.name} port ${p.port} rewired`);
      }
      for (const shard of before.shards) assert.ok(after.shards.includes(shard), `shard ${shard} should still exist`);
    }

    const arbitrary = fc.record({
      radix: fc.constantFrom(8, 16),
      coreGroups: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
      ethernet: fc.boolean(),
      halls: fc.array(
        fc.record({
          racks: fc.integer({ min: 1, max: 12 }),
          perRack: fc.integer({ min: 1, max: 6 }),
          rails: fc.integer({ min: 1, max: 4 }),
          reserve: fc.integer({ min: 0, max: 3 }),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      grow: fc.array(fc.nat(), { maxLength: 3 }),
      newHalls: fc.integer({ min: 0, max: 2 }),
    });

    it("appending racks within a hall's reserve, or halls, keeps every switch, port, address and shard", function () {
      this.timeout(20_000);
      fc.assert(
        fc.property(arbitrary, ({ radix, coreGroups, ethernet, halls, grow, newHalls }) => {
          const options: FabricOptions = {
            technology: ethernet ? "ethernet" : "infiniband",
            switchRadix: radix,
            switchPortSpeedGbps: 400,
            ...(coreGroups !== undefined ? { coreSpineGroups: coreGroups } : {}),
          };
          const addressing = ethernet ? { p2pCidr: "10.0.0.0/12", loopbackCidr: "10.64.0.0/16" } : undefined;
          // Each hall reserves `reserve` leaves a rail beyond its racks; it grows by up to that many racks' worth.
          const d = radix / 2;
          const reserved = (h: (typeof halls)[number]) => (Math.ceil((h.racks * h.perRack) / d) + h.reserve) * d;
          const make = (extra: number[], count: number) =>
            Array.from({ length: count }, (_, i) => {
              const h = halls[i % halls.length]!;
              return hall(`h${i + 1}`, h.racks + (extra[i] ?? 0), h.perRack, h.rails, undefined, reserved(h));
            });
          const extra = halls.map((h, i) => Math.min(Math.floor((reserved(h) - h.racks * h.perRack) / h.perRack), grow[i] ?? 0));
          let before;
          try {
            before = buildHallFabric("p", make([], halls.length), options, addressing);
          } catch (e) {
            if (/joins at most|wired for \d+ \(coreSpineGroups\)/.test((e as Error).message)) return fc.pre(false);
            throw e;
          }
          let after;
          try {
            after = buildHallFabric("p", make(extra, halls.length + newHalls), options, addressing);
          } catch (e) {
            if (/joins at most|wired for \d+ \(coreSpineGroups\)/.test((e as Error).message)) return fc.pre(false);
            throw e;
          }
          checkWiring(after, asGroups(make(extra, halls.length + newHalls)), addressing?.p2pCidr);
          onlyAdds(before, after);
        }),
        { numRuns: 100 },
      );
    });
  });
});
