/**
 * The pack as the engine runs it, judging `gigafactory:site:Site` resources: the compliant fixture
 * first, then one changed field per case, each expecting the exact violations over gRPC.
 */
import assert from "node:assert/strict";
import { FACTS_VERSION } from "../../model/site-facts";
import { preflight } from "../../policies/preflight";
import type { PackHarness } from "../harness/pack";
import { sharedPack } from "../harness/shared";
import { factsOf, factsWith, fleetAt, ICELAND, siteResource } from "./fixture";
import { SITE_CASES } from "./site-cases";

const SITE_POLICIES = [
  "eu-jurisdiction",
  "renewable-power",
  "energy-efficiency",
  "eed-reporting",
  "rack-power-capacity",
  "data-residency",
  "out-of-band-isolation",
  "gpu-quota",
  "bmc-tls-verified",
];

describe("policy pack over gRPC: site resources", function () {
  this.timeout(60_000);
  let pack: PackHarness;

  before(async () => {
    pack = await sharedPack();
  });
  beforeEach(() => pack.configure({}));

  const violations = async (props: unknown, name?: string) =>
    (await pack.analyze(siteResource(props, name))).map((d) => ({ policy: d.policy, enforcementLevel: d.enforcementLevel, message: d.detail }));

  it("reports nothing for the compliant fixture", async () => {
    assert.deepEqual(await pack.analyze(siteResource(factsOf())), []);
  });

  for (const c of SITE_CASES) {
    it(`judges ${c.name}`, async () => {
      if (c.config) await pack.configure(c.config);
      assert.deepEqual(await violations(factsWith(c.change)), c.pack ?? c.expected);
    });
  }

  it("shows the engine the policy's description above the violation", async () => {
    const [d] = await pack.analyze(siteResource(factsWith((f) => ((f.country = "IS"), delete f.subdivision))));
    assert.equal(d!.message, `${d!.description}\nsite [tst-1] should be inside EU jurisdiction; country IS is EEA but not EU`);
  });

  it("says what the preflight gate says about the Icelandic sample", async () => {
    const { fleet } = fleetAt(ICELAND);
    const gate = preflight(fleet, "kef-1").violations.map((v) => ({ policy: v.policy, enforcementLevel: v.enforcementLevel, message: v.message }));
    assert.equal(gate.length, 2);
    assert.deepEqual(await violations(factsOf(ICELAND), "kef-1"), gate);
  });

  it("accepts the Icelandic sample with eu-jurisdiction, the one mode setting, in eea mode", async () => {
    await pack.configure({ "eu-jurisdiction": { properties: { mode: "eea" } } });
    assert.deepEqual(await violations(factsOf(ICELAND), "kef-1"), []);
  });

  it("ignores a mode set on data-residency: it has none of its own", async () => {
    await pack.configure({ "data-residency": { properties: { mode: "eea" } } });
    assert.deepEqual(
      (await violations(factsOf(ICELAND), "kef-1")).map((v) => v.policy),
      ["eu-jurisdiction", "data-residency"],
    );
  });

  it("keeps data-residency strict when eu-jurisdiction is disabled", async () => {
    await pack.configure({ "eu-jurisdiction": { properties: { mode: "eea" } } });
    assert.deepEqual(await violations(factsOf(ICELAND), "kef-1"), [], "eea recorded for this resource");
    await pack.configure({ "eu-jurisdiction": { enforcementLevel: "disabled", properties: { mode: "eea" } } });
    assert.deepEqual(
      (await violations(factsOf(ICELAND), "kef-1")).map((v) => v.policy),
      ["data-residency"],
    );
  });

  it("lets an operator make the EED reporting duty mandatory", async () => {
    await pack.configure({ "eed-reporting": { enforcementLevel: "mandatory", properties: { reportingThresholdKW: 40 } } });
    assert.deepEqual(await violations(factsWith((f) => delete f.energy.itEnergyMWh)), [
      {
        policy: "eed-reporting",
        enforcementLevel: "mandatory",
        message:
          "site [tst-1] should declare the figures of the EU data-centre database; it has 42 kW IT power (reporting from 40 kW) but lacks itEnergyMWh (EIT)",
      },
    ]);
  });

  it("honours a configured enforcement level", async () => {
    await pack.configure({ "energy-efficiency": { enforcementLevel: "mandatory" }, "eu-jurisdiction": { enforcementLevel: "disabled" } });
    const found = await violations(factsWith((f) => ((f.facility.designPue = 1.45), (f.country = "IS"), delete f.subdivision)));
    assert.deepEqual(found, [
      { policy: "energy-efficiency", enforcementLevel: "mandatory", message: "site [tst-1] should have a design PUE of at most 1.3; its design PUE is 1.45" },
    ]);
  });

  it("refuses configuration that does not fit the policy's schema", async () => {
    await pack.configure({ "eu-jurisdiction": { properties: { mode: "global" } } });
    await assert.rejects(pack.analyze(siteResource(factsOf())), /policy eu-jurisdiction: config mode should be one of eu, eea; got "global"/);
  });

  it("refuses site facts it cannot read, in every site policy", async () => {
    const found = await violations(factsWith((f) => Object.assign(f, { factsVersion: FACTS_VERSION + 1 })));
    assert.deepEqual(
      found.map((v) => v.policy),
      SITE_POLICIES,
    );
    for (const v of found)
      assert.equal(v.message, "site resource [tst-1] should carry the site facts (model/site-facts.ts); factsVersion: must be equal to constant");
  });

  it("names a missing fact", async () => {
    const [first] = await violations(factsWith((f) => delete (f as Partial<typeof f>).energy));
    assert.equal(first!.message, 'site resource [tst-1] should carry the site facts (model/site-facts.ts); missing "energy"');
  });

  it("judges only site resources", async () => {
    assert.deepEqual(
      await pack.analyze({ type: "gigafactory:site:Hall", name: "h1", props: factsWith((f) => (f.country = "IS")) as unknown as Record<string, unknown> }),
      [],
    );
  });
});
