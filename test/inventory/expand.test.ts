/** Expansion into the per-node ledger: exact records for the fixture, then properties over random sites. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { expandSite } from "../../inventory/expand";
import { loadFleet } from "../../inventory/load";
import type { Site } from "../../inventory/schema/site";
import { checkAddressing } from "../../inventory/semantic";
import { roundTenth } from "../../model/round";
import { MINIMAL_FLEET } from "../helpers/fleet-fixture";

function fixtureSite(): Site {
  return structuredClone(loadFleet(MINIMAL_FLEET).fleet!.sites[0]!.site);
}

describe("expansion", () => {
  it("turns the fixture into a ledger with positions, BMC URLs and every address", () => {
    const expanded = expandSite(fixtureSite());
    assert.deepEqual(
      expanded.nodes.map((n) => n.hostname),
      ["tst-1-h1-r001-n01", "tst-1-h1-r001-n02", "tst-1-h1-r002-n01", "tst-1-h1-r002-n02"],
    );
    const second = expanded.nodes[3]!;
    assert.deepEqual(
      { ...second, computeIps: [...second.computeIps] },
      {
        hostname: "tst-1-h1-r002-n02",
        site: "tst-1",
        hall: "h1",
        rack: "r002",
        index: 2,
        slot: 9,
        blueprint: "hgx-h200",
        accelerators: 8,
        powerKW: 10,
        bmc: { protocol: "redfish", url: "redfish://10.0.0.34/redfish/v1/Systems/1", fallbackUrl: "ipmi://10.0.0.34:623", credentials: "default" },
        outOfBandIp: "10.0.0.34",
        inBandIp: "10.1.0.34",
        storageIp: "10.2.0.34",
        computeIps: ["10.8.0.34", "10.8.16.34", "10.8.32.34", "10.8.48.34", "10.8.64.34", "10.8.80.34", "10.8.96.34", "10.8.112.34"],
        pool: "startup",
        tenantClass: "startup",
      },
    );
    assert.deepEqual(
      expanded.nodes.map((n) => n.pool),
      ["research", "research", "research", "startup"],
    );
    assert.deepEqual(
      expanded.racks.map((r) => [r.name, r.drawKW, roundTenth(r.usableKW)]),
      [
        ["tst-1-h1-r001", 21, 34.9],
        ["tst-1-h1-r002", 21, 34.9],
      ],
    );
  });

  it("expands the same inventory to a deep-equal ledger", () => {
    assert.deepEqual(expandSite(fixtureSite()), expandSite(fixtureSite()));
  });

  describe("properties", () => {
    /** A random site built from the fixture: halls with runs of racks of two types. */
    const arbSite = fc
      .record({
        halls: fc.array(
          fc.array(fc.record({ type: fc.constantFrom("hgx2", "hgx1"), count: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 4 }),
          { minLength: 1, maxLength: 4 },
        ),
      })
      .map(({ halls }) => {
        const site = fixtureSite();
        site.rackTypes.push({ ...structuredClone(site.rackTypes[0]!), id: "hgx1", nodes: [{ blueprint: "hgx-h200", count: 1 }] });
        site.pools = [];
        site.tenants = [];
        site.network.addressing = { racksPerHall: 64, hostsPerRack: 4 };
        site.halls = halls.map((runs, h) => {
          let next = 1;
          return {
            id: `h${h + 1}`,
            number: h + 1,
            cooling: { kind: "liquid" as const },
            racks: runs.map((run) => {
              const placed = { type: run.type, from: next, count: run.count };
              next += run.count;
              return placed;
            }),
          };
        });
        return site;
      });

    const nodesPerType: Record<string, number> = { hgx2: 2, hgx1: 1 };

    it("conserves counts: nodes = Σ racks × nodes per rack type", () => {
      fc.assert(
        fc.property(arbSite, (site) => {
          const expected = site.halls.flatMap((h) => h.racks).reduce((n, run) => n + run.count * nodesPerType[run.type]!, 0);
          const expanded = expandSite(site);
          assert.equal(expanded.nodes.length, expected);
          assert.equal(
            expanded.racks.length,
            site.halls.flatMap((h) => h.racks).reduce((n, r) => n + r.count, 0),
          );
          assert.equal(
            expanded.racks.reduce((n, r) => n + r.nodes.length, 0),
            expected,
          );
        }),
      );
    });

    it("gives every node of a site that passes the address checks a unique hostname and unique addresses", () => {
      fc.assert(
        fc.property(arbSite, (site) => {
          const expanded = expandSite(site);
          const problems: string[] = [];
          checkAddressing(expanded, (path, message) => problems.push(`${path.join(".")}: ${message}`));
          assert.deepEqual(problems, []);
          const nodes = expanded.nodes;
          const all = [
            nodes.map((n) => n.hostname),
            nodes.map((n) => n.outOfBandIp),
            nodes.map((n) => n.inBandIp),
            nodes.map((n) => n.storageIp),
            nodes.flatMap((n) => n.computeIps),
            nodes.map((n) => n.bmc.url),
          ];
          for (const values of all) assert.equal(new Set(values).size, values.length);
        }),
      );
    });

    it("renames and renumbers nothing when a rack run or a hall is appended", () => {
      fc.assert(
        fc.property(arbSite, fc.integer({ min: 1, max: 5 }), fc.boolean(), (site, count, newHall) => {
          const before = expandSite(site).nodes;
          const grown = structuredClone(site);
          if (newHall) {
            grown.halls.push({
              id: `h${grown.halls.length + 1}`,
              number: grown.halls.length + 1,
              cooling: { kind: "air" },
              racks: [{ type: "hgx2", from: 1, count }],
            });
          } else {
            const hall = grown.halls[0]!;
            const next = Math.max(...hall.racks.map((r) => r.from + r.count));
            hall.racks.push({ type: "hgx1", from: next, count });
          }
          const after = new Map(expandSite(grown).nodes.map((n) => [n.hostname, n]));
          for (const node of before) assert.deepEqual(after.get(node.hostname), node);
        }),
      );
    });

    it("moves no node between pools placed by rack ranges when racks or halls are appended", () => {
      fc.assert(
        fc.property(arbSite, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), (site, count, nodes) => {
          const first = site.halls[0]!;
          const last = Math.max(...first.racks.map((r) => r.from + r.count - 1));
          site.pools = [
            { id: "research", blueprint: "hgx-h200", nodes, tenantClass: "research", racks: [{ hall: first.id, from: 1, to: last }] },
            { id: "startup", blueprint: "hgx-h200", nodes: 1, tenantClass: "startup" },
          ];
          const before = expandSite(site)
            .nodes.filter((n) => n.pool === "research")
            .map((n) => n.hostname);
          const grown = structuredClone(site);
          grown.halls.unshift({ id: "h0", number: grown.halls.length + 1, cooling: { kind: "air" }, racks: [{ type: "hgx2", from: 1, count }] });
          grown.halls[1]!.racks.push({ type: "hgx1", from: last + 1, count });
          const after = expandSite(grown)
            .nodes.filter((n) => n.pool === "research")
            .map((n) => n.hostname);
          assert.deepEqual(after, before);
        }),
      );
    });
  });
});
