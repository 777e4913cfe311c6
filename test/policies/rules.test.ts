/** The site rules called directly: the compliant fixture first, then one changed field per case. */
import assert from "node:assert/strict";
import { checkSite, DEFAULT_SETTINGS, RULES, SITE_RULES } from "../../policies/rules";
import { checkRackPowerCapacity } from "../../policies/rules/rack-power-capacity";
import { checkOutOfBandIsolation } from "../../policies/rules/out-of-band-isolation";
import { factsOf, factsWith, ICELAND, NORDIC } from "./fixture";
import { SITE_CASES } from "./site-cases";

describe("site rules", () => {
  it("find nothing wrong with the compliant fixture", () => {
    assert.deepEqual(checkSite(factsOf(), DEFAULT_SETTINGS), []);
  });

  for (const c of SITE_CASES) {
    it(`judge ${c.name}`, () => {
      const findings = checkSite(factsWith(c.change), { ...DEFAULT_SETTINGS, ...c.settings });
      assert.deepEqual(
        findings.map((f) => ({ policy: f.policy, message: f.message })),
        c.expected.map((e) => ({ policy: e.policy, message: e.message })),
      );
    });
  }

  it("start every message with the subject", () => {
    for (const c of SITE_CASES) {
      for (const f of checkSite(factsWith(c.change), { ...DEFAULT_SETTINGS, ...c.settings }))
        assert.ok(f.message.startsWith(`${f.subject} should `), f.message);
    }
  });

  it("find nothing wrong with the Nordic-Baltic sample's first site", () => {
    assert.deepEqual(checkSite(factsOf(NORDIC), DEFAULT_SETTINGS), []);
  });

  it("refuse the Icelandic sample in eu mode and accept it in eea mode", () => {
    assert.deepEqual(
      checkSite(factsOf(ICELAND), DEFAULT_SETTINGS).map((f) => f.message),
      [
        "site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU",
        "storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU",
      ],
    );
    assert.deepEqual(checkSite(factsOf(ICELAND), { ...DEFAULT_SETTINGS, mode: "eea" }), []);
  });

  it("point findings at the inventory field", () => {
    const [jurisdiction] = checkSite(
      factsWith((f) => ((f.country = "IS"), delete f.subdivision)),
      DEFAULT_SETTINGS,
    );
    assert.deepEqual([jurisdiction!.document, jurisdiction!.path], ["site", ["country"]]);
    const [territory] = checkSite(
      factsWith((f) => ((f.country = "FR"), (f.subdivision = "FR-NC"))),
      DEFAULT_SETTINGS,
    );
    assert.deepEqual(territory!.path, ["subdivision"]);
    const [operator] = checkSite(
      factsWith((f) => (f.operator.country = "IS")),
      DEFAULT_SETTINGS,
    );
    assert.deepEqual([operator!.document, operator!.path], ["fleet", ["operator", "country"]]);
    const [rack] = checkRackPowerCapacity(factsWith((f) => (f.rackTypes[0]!.drawKW = 99)));
    assert.deepEqual(rack!.path, ["rackTypes", 0, "feeds"]);
  });

  it("refuse an out-of-band range it cannot compare with", () => {
    assert.deepEqual(
      checkOutOfBandIsolation(factsWith((f) => (f.network.inBand = "10.1.0.1/20"))).map((f) => f.message),
      ['out-of-band network of site [tst-1] should be isolated from inBand; inBand "10.1.0.1/20" is not a valid range to compare with'],
    );
  });

  it("list every policy once, site rules first, in the order of the policy names", () => {
    assert.deepEqual(
      RULES.map((r) => r.name),
      [
        "eu-jurisdiction",
        "renewable-power",
        "energy-efficiency",
        "eed-reporting",
        "rack-power-capacity",
        "data-residency",
        "out-of-band-isolation",
        "gpu-quota",
        "bmc-tls-verified",
        "tenant-isolation",
        "no-plaintext-secrets",
      ],
    );
    assert.ok(SITE_RULES.every((r) => r.meta.scope === "site"));
  });
});
