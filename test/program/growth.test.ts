/**
 * Growth only adds: for random fleets whose compute fabric is wired for halls, appending racks
 * (within a hall's `fabricRacks`), halls or sites leaves every existing node (name, addresses, BMC),
 * switch, port map and stack (its config, and which racks and switches it holds) as it was.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { expandSite } from "../../inventory/expand";
import type { ExpandedSite } from "../../inventory/fleet";
import { loadFleet } from "../../inventory/load";
import type { Site } from "../../inventory/schema/site";
import { rackShard } from "../../model/shards";
import type { SwitchConfig } from "../../model/fabric";
import { planNetworks } from "../../program/networks";
import { planStacks } from "../../program/stack-plan";
import { MINIMAL_FLEET } from "../helpers/fleet-fixture";

const RACKS_PER_SHARD = 4;
const SWITCHES_PER_SHARD = 64;

/** The minimal fixture's site with 1-rail nodes, 2 a rack, on a radix-8 fabric wired for halls (InfiniBand, or Ethernet with its /31s). */
function baseSite(ethernet: boolean): Site {
  const site = loadFleet(MINIMAL_FLEET).expanded[0]!.site;
  return {
    ...site,
    blueprints: site.blueprints.map((b) => ({ ...b, rails: 1 })),
    network: {
      ...site.network,
      addressing: { racksPerHall: 40, hostsPerRack: 4 },
      compute: {
        ...site.network.compute,
        switchRadix: 8,
        growth: "halls",
        ...(ethernet ? { technology: "ethernet" as const, underlayCidr: "10.9.0.0/20" } : {}),
      },
    },
  };
}

/** A hall of the random fleet: its racks now, how many it may grow to, and by how many it grows. */
interface HallPlan {
  readonly racks: number;
  readonly fabricRacks: number;
  readonly grow: number;
}

function withHalls(base: Site, id: string, halls: readonly HallPlan[], grown: boolean): Site {
  return {
    ...base,
    id,
    halls: halls.map((h, i) => ({
      id: `h${i + 1}`,
      number: i + 1,
      cooling: base.halls[0]!.cooling,
      racks: [{ type: base.rackTypes[0]!.id, from: 1, count: h.racks + (grown ? h.grow : 0) }],
      fabricRacks: h.fabricRacks,
    })),
    storage: base.storage.map((s) => ({ ...s, replicas: s.replicas.map((r) => ({ ...r, site: id })) })),
  };
}

/** Every switch document of a site, by fabric shard. */
function switchesByShard(expanded: ExpandedSite): Map<string, readonly SwitchConfig[]> {
  const { fabricShards } = planNetworks(expanded, undefined, SWITCHES_PER_SHARD);
  return new Map(fabricShards.map((shard) => [shard, planNetworks(expanded, shard, SWITCHES_PER_SHARD).fabric.switches]));
}

/** Every node, switch, port and stack of `before` is in `after` unchanged; a switch may have gained ports. */
function onlyAdds(before: readonly ExpandedSite[], after: readonly ExpandedSite[]): void {
  for (const old of before) {
    const now = after.find((s) => s.site.id === old.site.id)!;
    const nodes = new Map(now.nodes.map((n) => [n.hostname, n]));
    for (const n of old.nodes) assert.deepEqual(nodes.get(n.hostname), n, `node ${n.hostname} changed`);
    for (const r of old.racks)
      assert.ok(now.racks.some((x) => x.name === r.name && rackShard(x.hall, x.number, RACKS_PER_SHARD) === rackShard(r.hall, r.number, RACKS_PER_SHARD)));
    const nowShards = switchesByShard(now);
    for (const [shard, switches] of switchesByShard(old)) {
      const there = new Map((nowShards.get(shard) ?? []).map((s) => [s.name, s]));
      for (const s of switches) {
        const again = there.get(s.name);
        assert.ok(again !== undefined, `${s.name} should still be in shard ${shard}`);
        assert.deepEqual({ ...again, ports: [] }, { ...s, ports: [] }, `${s.name} changed`);
        const ports = new Map(again.ports.map((p) => [p.port, p]));
        for (const p of s.ports) assert.deepEqual(ports.get(p.port), p, `${s.name} port ${p.port} rewired`);
      }
    }
  }
  const stacks = new Map(planStacks("f", after, RACKS_PER_SHARD, SWITCHES_PER_SHARD).map((s) => [s.name, s]));
  for (const s of planStacks("f", before, RACKS_PER_SHARD, SWITCHES_PER_SHARD)) assert.deepEqual(stacks.get(s.name), s, `stack ${s.name} changed`);
}

describe("growth of a fleet wired for halls", () => {
  // Racks of 2 nodes; a leaf takes 4 positions (2 racks), a spine group 4 leaves (8 racks); the
  // core (radix 8) joins 8 groups, so halls grow across spine groups and reserve up to 8 in all.
  const hallPlan = fc
    .record({ racks: fc.integer({ min: 1, max: 20 }), spare: fc.integer({ min: 0, max: 12 }), grow: fc.nat({ max: 16 }) })
    .map(({ racks, spare, grow }): HallPlan => ({ racks, fabricRacks: racks + spare, grow: Math.min(grow, spare) }));

  it("appending racks, halls or sites leaves every node, switch, port map, address (node and /31) and stack as it was", function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(
        fc.array(hallPlan, { minLength: 1, maxLength: 3 }),
        fc.array(hallPlan, { maxLength: 2 }),
        fc.boolean(),
        fc.boolean(),
        (halls, added, newSite, ethernet) => {
          const base = baseSite(ethernet);
          // The pools of the fixture take 4 nodes: the first hall has at least 2 racks.
          const racks = Math.max(2, halls[0]!.racks);
          const fabricRacks = Math.max(racks, halls[0]!.fabricRacks);
          const first = { racks, fabricRacks, grow: Math.min(halls[0]!.grow, fabricRacks - racks) };
          const plans = [first, ...halls.slice(1)];
          const groups = (p: readonly HallPlan[]) => p.reduce((n, h) => n + Math.ceil(h.fabricRacks / 8), 0);
          fc.pre(groups([...plans, ...added]) <= 8);
          const before = [expandSite(withHalls(base, "tst-1", plans, false))];
          const grown = [...plans, ...added.map((h) => ({ ...h, grow: 0 }))];
          const after = [expandSite(withHalls(base, "tst-1", grown, true))];
          if (newSite) after.push(expandSite(withHalls(base, "tst-2", plans, false)));
          onlyAdds(before, after);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses a rack beyond its hall's fabricRacks rather than rewire", () => {
    const site = withHalls(baseSite(false), "tst-1", [{ racks: 4, fabricRacks: 2, grow: 0 }], false);
    assert.throws(() => planNetworks(expandSite(site)), {
      message: "fabric [tst-1-compute] hall [h1] has nodes up to position 7 but its compute fabric is wired for 4 positions",
    });
  });
});
