/** Checks a built compute fabric against the invariants every port map must keep; throws on the first break. */
import assert from "node:assert/strict";
import { contains, parseCidr } from "../../../model/ipv4";
import type { ComputeFabric, FabricHostGroup, SwitchConfig } from "../../../model/fabric";

/** Every invariant of a fabric built from `groups`, with `p2pCidr` for Ethernet. */
export function checkWiring(fabric: ComputeFabric, groups: readonly FabricHostGroup[], p2pCidr?: string): void {
  const { sizing, switches } = fabric;
  const k = sizing.switchRadix;

  // Switch names unique; counts per role as sized.
  const byName = new Map<string, SwitchConfig>();
  for (const s of switches) {
    assert.ok(!byName.has(s.name), `switch ${s.name} twice`);
    byName.set(s.name, s);
  }
  const count = (role: string): number => switches.filter((s) => s.role === role).length;
  assert.deepEqual([count("leaf"), count("spine"), count("core")], [sizing.leaf.switches, sizing.spine.switches, sizing.core.switches]);

  // No switch port used twice, all within the radix, in ascending order.
  for (const s of switches) {
    for (let i = 0; i < s.ports.length; i++) {
      const p = s.ports[i]!.port;
      assert.ok(Number.isInteger(p) && p >= 1 && p <= k, `${s.name} port ${p} outside 1..${k}`);
      if (i > 0) assert.ok(p > s.ports[i - 1]!.port, `${s.name} ports out of order or repeated at ${p}`);
    }
  }

  // Every node rail lands on exactly one leaf port, within the leaf's downlinks, on the leaf of its rail.
  const expected = new Set<string>();
  for (const g of groups) for (const h of g.hosts) for (let r = 1; r <= (h.rails ?? g.rails); r++) expected.add(`${h.hostname}#${r}`);
  const seen = new Set<string>();
  let nodePorts = 0;
  for (const s of switches) {
    for (const p of s.ports) {
      if (p.neighbour.kind !== "node") continue;
      nodePorts++;
      assert.equal(s.role, "leaf", `${s.name} has a node on it`);
      assert.ok(p.port <= sizing.leafDownlinks, `${s.name} node on uplink port ${p.port}`);
      assert.equal(p.neighbour.port, s.rail, `${p.neighbour.name} rail ${p.neighbour.port} on ${s.name}`);
      const key = `${p.neighbour.name}#${p.neighbour.port}`;
      assert.ok(!seen.has(key), `${key} cabled twice`);
      seen.add(key);
    }
  }
  assert.deepEqual(seen, expected);
  assert.equal(nodePorts, sizing.cables.nodeLeaf);

  // Cables conserved: every switch-to-switch port is answered by its neighbour; counts as sized.
  let links = 0;
  const addresses = new Set<string>();
  const net = p2pCidr === undefined ? undefined : parseCidr(p2pCidr);
  for (const s of switches) {
    for (const p of s.ports) {
      if (p.neighbour.kind !== "switch") continue;
      links++;
      const far = byName.get(p.neighbour.name);
      assert.ok(far !== undefined, `${s.name} port ${p.port} to unknown ${p.neighbour.name}`);
      const back = far.ports.find((q) => q.port === p.neighbour.port);
      assert.ok(back !== undefined, `${far.name} port ${p.neighbour.port} missing`);
      assert.deepEqual(back.neighbour, { kind: "switch", name: s.name, port: p.port });
      assert.equal(back.speedGbps, p.speedGbps);
      const order = { leaf: 0, spine: 1, core: 2 };
      assert.equal(Math.abs(order[s.role] - order[far.role]), 1, `${s.name} to ${far.name} skips a tier`);
      if (net === undefined) {
        assert.equal(p.address, undefined);
        continue;
      }
      // /31s unique, inside the range, both ends in the same /31, the upper switch on the even address.
      assert.ok(p.address !== undefined, `${s.name} port ${p.port} has no address`);
      assert.ok(!addresses.has(p.address), `${p.address} twice`);
      addresses.add(p.address);
      const mine = p.address.replace(/\/31$/, "");
      const theirs = back.address!.replace(/\/31$/, "");
      const a = parseCidr(`${mine}/32`).base;
      const b = parseCidr(`${theirs}/32`).base;
      assert.ok(contains(net, { base: a, prefix: 32 }), `${p.address} outside ${p2pCidr}`);
      assert.equal(Math.floor(a / 2), Math.floor(b / 2), `${p.address} and ${back.address} in different /31s`);
      assert.equal(a % 2 === 0, order[s.role] > order[far.role], `${s.name} ${p.address}: the upper end takes the even address`);
    }
  }
  assert.equal(links, 2 * (sizing.cables.leafSpine + sizing.cables.spineCore));
  const used = (role: string): number => switches.filter((s) => s.role === role).reduce((n, s) => n + s.ports.length, 0);
  assert.deepEqual([used("leaf"), used("spine"), used("core")], [sizing.leaf.portsUsed, sizing.spine.portsUsed, sizing.core.portsUsed]);
}
