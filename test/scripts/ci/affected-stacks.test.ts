/** The workflows' list of stacks a change touches, per deploy step, from a plan's JSON. */
import assert from "node:assert/strict";
import type { PlanJson } from "../../../cli/plan";
import { affectedStacks } from "../../../scripts/ci/affected-stacks";

const stack = (name: string, layer: string) => ({
  stack: name,
  site: "riga-1",
  layer,
  shard: "x",
  fingerprint: "",
  resources: [],
  findings: [],
  gpus: 0,
  itPowerKW: 0,
  facilityPowerKW: 0,
});
const PLAN = {
  version: 1,
  fleet: { name: "f", dir: "d" },
  sites: [],
  stacks: [
    stack("riga-1-physical-site", "physical"),
    stack("riga-1-baremetal-h3-b7", "baremetal"),
    stack("riga-1-kubernetes-site", "kubernetes"),
    stack("riga-1-physical-h1-b0", "physical"),
  ],
} as unknown as PlanJson;

describe("affected stacks (scripts/ci/affected-stacks.ts)", () => {
  it("lists every stack, per deploy step, without a change set", () => {
    assert.deepEqual(affectedStacks(PLAN), {
      stacks: ["riga-1-baremetal-h3-b7", "riga-1-kubernetes-site", "riga-1-physical-h1-b0", "riga-1-physical-site"],
      physical: ["riga-1-physical-h1-b0", "riga-1-physical-site"],
      kubernetes: ["riga-1-kubernetes-site"],
      baremetal: ["riga-1-baremetal-h3-b7"],
    });
  });

  it("lists the touched and added stacks of a change, not the removed or untouched ones", () => {
    const changes = { stacks: { touched: ["riga-1-physical-site"], added: ["riga-1-baremetal-h3-b7"], removed: ["riga-1-physical-h9-b0"], untouched: 2 } };
    assert.deepEqual(affectedStacks({ ...PLAN, changes } as unknown as PlanJson), {
      stacks: ["riga-1-baremetal-h3-b7", "riga-1-physical-site"],
      physical: ["riga-1-physical-site"],
      kubernetes: [],
      baremetal: ["riga-1-baremetal-h3-b7"],
    });
  });
});
