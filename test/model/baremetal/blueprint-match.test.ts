/** The comparison of a node's reported hardware with its blueprint: a matching node, then one changed fact per case. */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { HardwareFacts } from "../../../bmc/provisioning";
import { compareWithBlueprint, type BlueprintHardware } from "../../../model/baremetal/blueprint-match";

const BLUEPRINT: BlueprintHardware = {
  id: "hgx-h200",
  accelerator: { model: "H200", count: 8 },
  rails: 8,
  railSpeedGbps: 400,
  storagePorts: 2,
  memoryGiB: 2048,
};
const BMC = "redfish://10.0.0.5/redfish/v1/Systems/1";
const gpus = (n: number, model = "NVIDIA H200") => Array.from({ length: n }, (_, i) => ({ id: `GPU_SXM_${i + 1}`, model }));
const nics = (n: number, speedGbps?: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `Rail.${i + 1}`, mac: `02:00:00:0a:00:0${i}`, ...(speedGbps === undefined ? {} : { speedGbps }) }));
const MATCHING: HardwareFacts = {
  bmc: BMC,
  source: "redfish",
  accelerators: gpus(8),
  memoryGiB: 2048,
  nics: [...nics(8, 400), ...nics(2, 200), ...nics(1, 1)],
};

describe("compareWithBlueprint", () => {
  it("finds no difference on a node that matches", () => {
    assert.deepEqual(compareWithBlueprint(MATCHING, BLUEPRINT), { differences: [], unverified: [] });
  });

  const cases: [string, Partial<HardwareFacts>, string[]][] = [
    ["a missing GPU", { accelerators: gpus(7) }, [`blueprint hgx-h200 expects 8 H200 GPUs; the BMC [${BMC}] reports 7`]],
    [
      "a GPU of another model",
      { accelerators: [...gpus(7), { id: "GPU_SXM_8", model: "NVIDIA H100 80GB HBM3" }] },
      [`blueprint hgx-h200 expects H200 GPUs; the BMC [${BMC}] reports GPU_SXM_8 as NVIDIA H100 80GB HBM3`],
    ],
    [
      "a model that only contains the name (H2000)",
      { accelerators: gpus(8, "H2000") },
      gpus(8).map((g) => `blueprint hgx-h200 expects H200 GPUs; the BMC [${BMC}] reports ${g.id} as H2000`),
    ],
    ["less memory", { memoryGiB: 1536 }, [`blueprint hgx-h200 expects 2048 GiB of memory; the BMC [${BMC}] reports 1536 GiB`]],
    ["a rail port short", { nics: [...nics(7, 400), ...nics(2, 200)] }, [`blueprint hgx-h200 expects 8 rail ports of 400 Gb/s; the BMC [${BMC}] reports 7`]],
    ["rail ports at another speed", { nics: nics(8, 200) }, [`blueprint hgx-h200 expects 8 rail ports of 400 Gb/s; the BMC [${BMC}] reports 0`]],
  ];
  for (const [what, change, differences] of cases) {
    it(`names ${what}`, () => {
      assert.deepEqual(compareWithBlueprint({ ...MATCHING, ...change }, BLUEPRINT).differences, differences);
    });
  }

  it("tolerates what firmware reserves of the memory (1 %)", () => {
    assert.deepEqual(compareWithBlueprint({ ...MATCHING, memoryGiB: 2040.5 }, BLUEPRINT).differences, []);
  });

  it("counts ports against rails and storage ports when the BMC reports no speeds", () => {
    const r = compareWithBlueprint({ ...MATCHING, nics: nics(9) }, BLUEPRINT);
    assert.deepEqual(r.differences, [`blueprint hgx-h200 expects at least 10 network ports (8 rails, 2 storage); the BMC [${BMC}] reports 9`]);
    assert.deepEqual(r.unverified, [`8 rail ports of 400 Gb/s: the BMC [${BMC}] reports no port speeds`]);
  });

  it("lists what IPMI FRU cannot tell as unverified, not as a difference", () => {
    const fru: HardwareFacts = { bmc: "ipmi://10.0.0.5:623", source: "ipmi", manufacturer: "Lab" };
    assert.deepEqual(compareWithBlueprint(fru, BLUEPRINT), {
      differences: [],
      unverified: [
        "8 H200 GPUs: the BMC [ipmi://10.0.0.5:623] reports no accelerators (ipmi)",
        "2048 GiB of memory: the BMC [ipmi://10.0.0.5:623] reports none",
        "8 rail ports of 400 Gb/s: the BMC [ipmi://10.0.0.5:623] reports no network ports (ipmi)",
      ],
    });
  });

  it("finds a GPU-count difference exactly when the count differs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), (n) => {
        const r = compareWithBlueprint({ ...MATCHING, accelerators: gpus(n) }, BLUEPRINT);
        return (r.differences.length === 1) === (n !== 8) && r.differences.length <= 1;
      }),
    );
  });
});
