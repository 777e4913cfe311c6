/** The GPU quota rule: the classes' quotas of a blueprint never exceed the GPUs built of it. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { classQueues, classQuotas, gpusBuilt, quotaExcesses, type ClassQuota } from "../../../model/kubernetes/quotas";
import { kubernetesPlan, KubernetesPlanError } from "../../../model/kubernetes/plan";
import { checkGpuQuota } from "../../../policies/rules/gpu-quota";
import { factsOf, factsWith } from "../../policies/fixture";
import { loadFixture } from "./fixture";

describe("GPU quotas", () => {
  it("GIVEN the compliant fixture WHEN judged THEN nothing is wrong", () => {
    assert.deepEqual(checkGpuQuota(factsOf()), []);
  });

  it("GIVEN a research quota raised past the GPUs built THEN the rule names the blueprint, the shares and the figures", () => {
    const findings = checkGpuQuota(factsWith((f) => (f.queues[0]!.quotas[0]!.gpus = 32)));
    assert.deepEqual(
      findings.map((f) => [f.policy, f.message, f.path]),
      [
        [
          "gpu-quota",
          "blueprint [hgx-h200] of site [tst-1] should be given out in quotas at most once; the quotas of blueprint [hgx-h200] add up to 40 GPUs (research 32, startup 8) but 32 are built",
          ["queues", "classes", 0, "quotas", 0, "gpus"],
        ],
      ],
    );
  });

  it("GIVEN fewer GPUs built THEN the rule refuses the same quotas", () => {
    const [finding] = checkGpuQuota(factsWith((f) => (f.gpus[0]!.built = 31)));
    assert.equal(
      finding!.message,
      "blueprint [hgx-h200] of site [tst-1] should be given out in quotas at most once; the quotas of blueprint [hgx-h200] add up to 32 GPUs (research 24, startup 8) but 31 are built",
    );
  });

  it("GIVEN a site without queues THEN each class's quota is what its pools hold", () => {
    const { site } = loadFixture();
    const { queues: _queues, ...bare } = site;
    assert.deepEqual(classQueues(bare), [
      { class: "research", weight: 1, quotas: [{ blueprint: "hgx-h200", gpus: 24 }] },
      { class: "startup", weight: 1, quotas: [{ blueprint: "hgx-h200", gpus: 8 }] },
    ]);
  });

  it("GIVEN quotas beyond the GPUs built WHEN the layer is planned THEN it throws before anything exists", () => {
    const expanded = loadFixture().expanded;
    const site = { ...expanded.site, queues: { classes: [{ class: "research" as const, weight: 1, quotas: [{ blueprint: "hgx-h200", gpus: 33 }] }] } };
    assert.throws(
      () => kubernetesPlan({ site, nodes: expanded.nodes }),
      (e: unknown) => {
        assert.ok(e instanceof KubernetesPlanError);
        assert.equal(
          e.message,
          "blueprint [hgx-h200] of site [tst-1] should be given out in quotas at most once; the quotas of blueprint [hgx-h200] add up to 33 GPUs (research 33) but 32 are built",
        );
        return true;
      },
    );
  });

  it("never lets quotas exceed the GPUs built per blueprint, for random fleets (property)", () => {
    const blueprints = ["a", "b", "c"];
    const node = fc.record({ blueprint: fc.constantFrom(...blueprints), accelerators: fc.integer({ min: 1, max: 8 }) });
    const quota = fc.record({
      class: fc.constantFrom("startup" as const, "sme" as const, "research" as const),
      blueprint: fc.constantFrom(...blueprints),
      gpus: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 60 }), fc.array(quota, { maxLength: 9 }), (nodes, quotas: ClassQuota[]) => {
        const built = gpusBuilt({ blueprints: blueprints.map((id) => ({ id })) as never }, nodes);
        const refused = new Set(quotaExcesses(built, quotas).map((e) => e.blueprint));
        for (const b of built) {
          const sum = quotas.filter((q) => q.blueprint === b.blueprint).reduce((n, q) => n + q.gpus, 0);
          // Accepted means within what is built; refused means beyond it.
          assert.equal(refused.has(b.blueprint), sum > b.gpus);
        }
        // What passes the rule is what the plan accepts: quotas taken from pools never exceed what is built.
        assert.equal(
          built.reduce((n, b) => n + b.gpus, 0),
          nodes.reduce((n, x) => n + x.accelerators, 0),
        );
      }),
    );
  });

  it("derives queues from pools that never exceed the GPUs built, for random fleets whose pools fit (property)", () => {
    const blueprint = fc.record({ id: fc.constantFrom("a", "b", "c"), accelerators: fc.integer({ min: 1, max: 8 }), built: fc.integer({ min: 0, max: 50 }) });
    const arb = fc.uniqueArray(blueprint, { selector: (b) => b.id, minLength: 1, maxLength: 3 }).chain((bps) =>
      fc.tuple(
        fc.constant(bps),
        fc.array(
          fc.record({
            bp: fc.integer({ min: 0, max: bps.length - 1 }),
            cls: fc.constantFrom("startup" as const, "sme" as const, "research" as const),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 8 },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([bps, pools]) => {
        // Pools take at most the nodes left of their blueprint, as the loader requires.
        const left = new Map(bps.map((b) => [b.id, b.built]));
        const site = {
          blueprints: bps.map((b) => ({ id: b.id, accelerator: { count: b.accelerators } })),
          pools: pools.map((p, i) => {
            const b = bps[p.bp]!;
            const nodes = Math.floor(left.get(b.id)! * p.share);
            left.set(b.id, left.get(b.id)! - nodes);
            return { id: `p${i}`, blueprint: b.id, nodes, tenantClass: p.cls };
          }),
        } as never;
        const nodes = bps.flatMap((b) => Array.from({ length: b.built }, () => ({ blueprint: b.id, accelerators: b.accelerators })));
        assert.deepEqual(quotaExcesses(gpusBuilt(site, nodes), classQuotas(classQueues(site))), []);
      }),
    );
  });

  it("holds for every sample site: the queues the plan builds fit the GPUs built", () => {
    for (const e of loadFixture("nordic").all) {
      assert.deepEqual(quotaExcesses(gpusBuilt(e.site, e.nodes), classQuotas(classQueues(e.site))), [], e.site.id);
    }
  });
});
