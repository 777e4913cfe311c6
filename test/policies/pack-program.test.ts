/**
 * The pack judging what the program really registers: the program runs under mocks that record
 * every resource's inputs (secrets stay marked, as the engine would send them), and the recorded
 * resources go to the pack over gRPC, one by one (`Analyze`) and as a stack (`AnalyzeStack`).
 */
import assert from "node:assert/strict";
import { PreflightError } from "../../policies/preflight";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../../program/config";
import { buildStack, loadSite, type StackSecrets } from "../../program/stack";
import type { HarnessResource, PackHarness } from "../harness/pack";
import { sharedPack } from "../harness/shared";
import { ICELAND, MINIMAL } from "./fixture";

/** Records every resource the program registers, whatever its type. */
function recordAll(): HarnessResource[] {
  const recorded: HarnessResource[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        recorded.push({ type: args.type, name: args.name, props: args.inputs as Record<string, unknown> });
        return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs as Record<string, unknown> };
      },
      call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    "gigafactory",
    "test",
    false,
  );
  return recorded;
}

/** Waits until no resource has registered for a while. */
async function settled(recorded: readonly unknown[]): Promise<void> {
  let seen = -1;
  while (seen !== recorded.length) {
    seen = recorded.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("policy pack over gRPC: what the program registers", function () {
  this.timeout(60_000);
  let pack: PackHarness;
  let render: string;
  let secrets: StackSecrets;

  before(async () => {
    pack = await sharedPack();
    render = mkdtempSync(join(tmpdir(), "gigafactory-render-"));
    secrets = {
      bmc: () => new Map([["default", { username: "admin", password: "s3cret-bmc-password" }]]),
      kubernetes: () => ({ renderDir: render }),
    };
  });
  beforeEach(() => pack.configure({}));
  after(() => rmSync(render, { recursive: true, force: true }));

  const judge = async (resources: readonly HarnessResource[]) => {
    const one = await Promise.all(resources.map((r) => pack.analyze(r)));
    const all = await pack.analyzeStack(resources);
    return [...one.flat(), ...all].map((d) => `${d.policy}: ${d.detail}`);
  };

  for (const layer of ["baremetal", "kubernetes"] as const) {
    it(`accepts every resource of the compliant fixture's ${layer} stack`, async () => {
      const recorded = recordAll();
      const config = parseStackConfig({ fleet: MINIMAL, site: "tst-1", layer, ...(layer === "baremetal" ? { shard: "h1-b0" } : {}) }, process.cwd());
      buildStack(config, secrets);
      await settled(recorded);
      const types = new Set(recorded.map((r) => r.type));
      assert.ok(types.has("gigafactory:site:Site"));
      assert.ok(
        layer === "baremetal" ? types.has("gigafactory-baremetal:index:BareMetalHost") : types.has("kubernetes:core/v1:Namespace"),
        [...types].join(", "),
      );
      assert.deepEqual(await judge(recorded), []);
    });
  }

  it("refuses a site whose inventory relaxed its own policy to eea: the gate in a provisioning layer, the pack in the physical one", async () => {
    const recorded = recordAll();
    const loaded = loadSite({ fleet: ICELAND, site: "kef-1" });
    const relaxed = { ...loaded, fleet: { ...loaded.fleet, policy: { ...loaded.fleet.policy, mode: "eea" as const } } };
    assert.throws(() => buildStack(parseStackConfig({ fleet: ICELAND, site: "kef-1", layer: "kubernetes" }, process.cwd()), secrets, relaxed), PreflightError);
    buildStack(parseStackConfig({ fleet: ICELAND, site: "kef-1", layer: "physical" }, process.cwd()), secrets, relaxed);
    await settled(recorded);
    assert.deepEqual(await judge(recorded), [
      "eu-jurisdiction: site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU",
      "data-residency: storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU",
    ]);
  });
});
