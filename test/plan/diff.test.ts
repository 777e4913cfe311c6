import assert from "node:assert/strict";
import { diffPlans } from "../../plan/diff";
import type { PlanResource, SiteFigures, StackPlan } from "../../plan/types";
import { effectWords, num } from "../../plan/words";

const res = (type: string, name: string, digest = "d0", effects?: Record<string, number>): PlanResource => ({
  type,
  name,
  digest,
  props: { "in.x": digest },
  ...(effects ? { effects } : {}),
});

function stack(name: string, resources: PlanResource[]): StackPlan {
  return {
    stack: name,
    site: "tst-1",
    layer: "baremetal",
    shard: "h1-b0",
    fingerprint: "f",
    gpus: 0,
    itPowerKW: 0,
    facilityPowerKW: 0,
    resources,
    findings: [],
  };
}

const site = (gpus: number): SiteFigures => ({ site: "tst-1", country: "LV", gpus, itPowerKW: 10, facilityPowerKW: 12, stacks: 5 });

describe("plan: what a change does", () => {
  it("finds nothing between equal plans, and says the change only adds", () => {
    const s = stack("tst-1-baremetal-h1-b0", [res("gigafactory:baremetal:BareMetalNode", "n1", "a", { servers: 1 })]);
    const changes = diffPlans("--since HEAD", [s], [s], { before: [site(8)], after: [site(8)] }, 4);
    assert.deepEqual([changes.added, changes.removed, changes.changed], [[], [], []]);
    assert.equal(changes.onlyAdds, true);
    assert.deepEqual(changes.stacks, { touched: ["tst-1-baremetal-h1-b0"], added: [], removed: [], untouched: 4 });
  });

  it("lists added, removed and changed resources with the properties that changed, and the physical effects", () => {
    const before = stack("tst-1-baremetal-h1-b0", [
      res("gigafactory:baremetal:BareMetalNode", "n1", "a", { servers: 1 }),
      res("gigafactory:baremetal:BareMetalNode", "n2", "b", { servers: 1 }),
      res("gigafactory:network:Switch", "leaf1", "c", { switches: 1, cables: 32 }),
    ]);
    const after = stack("tst-1-baremetal-h1-b0", [
      res("gigafactory:baremetal:BareMetalNode", "n1", "a", { servers: 1 }),
      res("gigafactory:baremetal:BareMetalNode", "n3", "e", { servers: 1 }),
      res("gigafactory:network:Switch", "leaf1", "f", { switches: 1, cables: 36 }),
    ]);
    const changes = diffPlans("--since HEAD", [before], [after], { before: [site(8)], after: [site(16)] }, 0);
    assert.deepEqual(changes.added, [{ stack: "tst-1-baremetal-h1-b0", type: "gigafactory:baremetal:BareMetalNode", name: "n3" }]);
    assert.deepEqual(changes.removed, [{ stack: "tst-1-baremetal-h1-b0", type: "gigafactory:baremetal:BareMetalNode", name: "n2" }]);
    assert.deepEqual(changes.changed, [{ stack: "tst-1-baremetal-h1-b0", type: "gigafactory:network:Switch", name: "leaf1", props: ["in.x"] }]);
    assert.equal(changes.onlyAdds, false);
    const [tst] = changes.sites;
    assert.deepEqual(tst!.before?.gpus, 8);
    assert.deepEqual(tst!.after?.gpus, 16);
    assert.deepEqual(effectWords(tst!.effects), ["1 server powered on", "1 server powered off", "1 switch reconfigured", "4 cables added"]);
    assert.deepEqual(tst!.types, [
      { type: "gigafactory:baremetal:BareMetalNode", added: 1, removed: 1, changed: 0 },
      { type: "gigafactory:network:Switch", added: 0, removed: 0, changed: 1 },
    ]);
  });

  it("counts every resource of a new stack as added and of a gone stack as removed", () => {
    const gone = stack("tst-1-baremetal-h1-b0", [res("gigafactory:site:Rack", "r1", "a", { racks: 1 })]);
    const added = stack("tst-1-baremetal-h1-b1", [res("gigafactory:site:Rack", "r2", "a", { racks: 1 })]);
    const changes = diffPlans("--baseline plan.json", [gone], [added], { before: [], after: [] }, 0);
    assert.deepEqual(changes.stacks.added, ["tst-1-baremetal-h1-b1"]);
    assert.deepEqual(changes.stacks.removed, ["tst-1-baremetal-h1-b0"]);
    assert.deepEqual(effectWords(changes.sites[0]!.effects), ["1 rack installed", "1 rack taken out"]);
  });

  it("writes numbers the same in every locale", () => {
    assert.deepEqual([num(0), num(56320), num(109330.5), num(1234567.04), num(-1500)], ["0", "56,320", "109,330.5", "1,234,567", "-1,500"]);
  });
});
