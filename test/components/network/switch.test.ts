/** A switch's port map as the preview shows it, pure: one line a port that reads back to the port it shows. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { portLine, portMap } from "../../../components/network/switch";
import { buildComputeFabric, type FabricHostGroup, type SwitchPort } from "../../../model/fabric";

/** Three hosts of two rails, the last cabling only rail 1: two leaves and one spine at radix 8. */
const SMALL: FabricHostGroup[] = [{ rails: 2, railSpeedGbps: 400, hosts: [{ hostname: "a" }, { hostname: "b" }, { hostname: "c", rails: 1 }] }];

/** Reads a port line back into the port it shows. */
function readLine(line: string): SwitchPort {
  const m = /^(\d+) (\d+(?:\.\d+)?)G (\S+):(rail)?(\d+)(?: (\S+))?$/.exec(line);
  assert.ok(m, `not a port line: ${line}`);
  const neighbour = { kind: m[4] === "rail" ? "node" : "switch", name: m[3]!, port: Number(m[5]) } as const;
  return { port: Number(m[1]), speedGbps: Number(m[2]), neighbour, ...(m[6] !== undefined ? { address: m[6] } : {}) };
}

describe("switch port map", () => {
  it("shows each port as `port speed far-end[ address]`, node ports by rail", () => {
    const { switches } = buildComputeFabric("t", SMALL, { technology: "infiniband", switchRadix: 8 });
    assert.deepEqual(switches[1]!.ports.map(portLine), [
      "1 400G a:rail2",
      "2 400G b:rail2",
      "5 400G t-spine01:5",
      "6 400G t-spine01:6",
      "7 400G t-spine01:7",
      "8 400G t-spine01:8",
    ]);
  });

  it("registers the port map as one text, a line a port in port order", () => {
    const { switches } = buildComputeFabric("t", SMALL, { technology: "infiniband", switchRadix: 8 });
    const leaf = switches[1]!;
    assert.equal(portMap(leaf.ports), "1 400G a:rail2\n2 400G b:rail2\n5 400G t-spine01:5\n6 400G t-spine01:6\n7 400G t-spine01:7\n8 400G t-spine01:8");
    assert.deepEqual(portMap(leaf.ports).split("\n"), leaf.ports.map(portLine));
    assert.equal(portMap([]), "");
  });

  it("adds the link's /31 on an Ethernet fabric", () => {
    const { switches } = buildComputeFabric("t", SMALL, { technology: "ethernet", switchRadix: 8, switchPortSpeedGbps: 400 }, { p2pCidr: "10.254.0.0/24" });
    const [leaf2, spine] = [switches[1]!, switches[2]!];
    assert.equal(portLine(leaf2.ports[2]!), "5 400G t-spine01:5 10.254.0.9/31");
    assert.equal(portLine(spine.ports[4]!), "5 400G t-su01-rail2-leaf:5 10.254.0.8/31");
  });

  it("reads back to the very port it shows, on every switch of any small fabric", () => {
    const fabric = fc.record({
      radix: fc.constantFrom(4, 8, 16),
      ethernet: fc.boolean(),
      rails: fc.integer({ min: 1, max: 4 }),
      nodes: fc.integer({ min: 1, max: 40 }),
      railSpeedGbps: fc.constantFrom(100, 200, 400),
    });
    fc.assert(
      fc.property(fabric, ({ radix, ethernet, rails, nodes, railSpeedGbps }) => {
        const hosts = Array.from({ length: nodes }, (_, i) => ({ hostname: `riga-1-h1-r001-n${String(i + 1).padStart(2, "0")}` }));
        let built;
        try {
          built = buildComputeFabric(
            "f",
            [{ rails, railSpeedGbps, hosts }],
            { technology: ethernet ? "ethernet" : "infiniband", switchRadix: radix, switchPortSpeedGbps: 400 },
            ethernet ? { p2pCidr: "10.128.0.0/16" } : undefined,
          );
        } catch (e) {
          fc.pre(!/joins at most/.test((e as Error).message));
          throw e;
        }
        for (const s of built.switches) {
          const lines = s.ports.map(portLine);
          assert.deepEqual(lines.map(readLine), s.ports);
          assert.equal(new Set(lines.map((l) => l.split(" ")[0])).size, lines.length, `${s.name} shows a port twice`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
