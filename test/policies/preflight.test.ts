/** The preflight gate the program calls before it registers any bare-metal or Kubernetes resource. */
import assert from "node:assert/strict";
import { relative } from "node:path";
import type { Fleet } from "../../inventory/fleet";
import { assertPreflight, preflight, PreflightError } from "../../policies/preflight";
import { fleetAt, ICELAND, MINIMAL, NORDIC } from "./fixture";

const KEF = relative(process.cwd(), `${ICELAND}/sites/kef-1.yaml`);

/** A fleet whose first site has `change` applied to a deep copy. */
function fleetWith(dir: string, change: (fleet: { -readonly [K in keyof Fleet]: Fleet[K] }) => void): Fleet {
  const { fleet } = fleetAt(dir);
  const copy = {
    ...fleet,
    sites: fleet.sites.map((s) => ({ ...s, site: structuredClone(s.site) })),
    policy: { ...fleet.policy },
    operator: { ...fleet.operator },
  };
  change(copy);
  return copy;
}

describe("preflight gate", () => {
  it("lets the compliant fixture through with no violation", () => {
    assert.deepEqual(preflight(fleetAt(MINIMAL).fleet, "tst-1"), { ok: true, violations: [] });
    assert.deepEqual(assertPreflight(fleetAt(MINIMAL).fleet, "tst-1"), { ok: true, violations: [] });
  });

  it("lets every Nordic-Baltic site through", () => {
    const { fleet } = fleetAt(NORDIC);
    for (const s of fleet.sites) assert.equal(preflight(fleet, s.site.id).ok, true, s.site.id);
  });

  it("refuses the Icelandic site in eu mode, located in the inventory", () => {
    const result = preflight(fleetAt(ICELAND).fleet, "kef-1");
    assert.equal(result.ok, false);
    assert.deepEqual(result.violations, [
      {
        policy: "eu-jurisdiction",
        enforcementLevel: "mandatory",
        subject: "site [kef-1]",
        message: "site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU",
        file: KEF,
        line: 3,
        column: 10,
        sites: ["kef-1"],
      },
      {
        policy: "data-residency",
        enforcementLevel: "mandatory",
        subject: "storage [kef-nfs] of site [kef-1]",
        message: "storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU",
        file: KEF,
        line: 74,
        column: 16,
        sites: ["kef-1"],
      },
    ]);
  });

  it("throws an error that lists every mandatory violation", () => {
    assert.throws(
      () => assertPreflight(fleetAt(ICELAND).fleet, "kef-1"),
      (e: unknown) => {
        assert.ok(e instanceof PreflightError);
        assert.equal(e.siteId, "kef-1");
        assert.equal(
          e.message,
          [
            "preflight refused site [kef-1]: 2 mandatory policy violations",
            `  [eu-jurisdiction] site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU (${KEF}:3:10)`,
            `  [data-residency] storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU (${KEF}:74:16)`,
          ].join("\n"),
        );
        return true;
      },
    );
  });

  it("lets the Icelandic site through in eea mode", () => {
    assert.deepEqual(assertPreflight(fleetAt(ICELAND).fleet, "kef-1", { mode: "eea" }), { ok: true, violations: [] });
  });

  it("lets the inventory under review tighten its policy but never relax it; only the operator's mode can", () => {
    const eea = fleetWith(ICELAND, (f) => (f.policy = { ...f.policy, mode: "eea" }));
    assert.equal(preflight(eea, "kef-1").ok, false, "fleet.yaml saying eea does not relax the gate");
    assert.equal(preflight(eea, "kef-1", { mode: "eea" }).ok, true);
    const lax = fleetWith(MINIMAL, (f) => {
      f.policy = { ...f.policy, renewableThreshold: 0 };
      f.sites[0]!.site.energy.supply[1]!.technology = "fossil";
    });
    assert.equal(preflight(lax, "tst-1").ok, false, "a threshold of 0 in fleet.yaml does not lower the platform's 100%");
    const strict = fleetWith(MINIMAL, (f) => (f.policy = { ...f.policy, maxDesignPue: 1.1 }));
    assert.deepEqual(
      preflight(strict, "tst-1").violations.map((v) => v.message),
      [
        "site [tst-1] should have a design PUE of at most 1.1; its design PUE is 1.2",
        "site [tst-1] should have a measured PUE of at most 1.1; its PUE for 2027 is 1.25 (EDC 400 MWh / EIT 320 MWh)",
      ],
    );
  });

  it("passes a site with advisory violations only, and lists them", () => {
    const pue = fleetWith(MINIMAL, (f) => (f.sites[0]!.site.facility.designPue = 1.45));
    const result = assertPreflight(pue, "tst-1");
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.violations.map((v) => [v.enforcementLevel, v.message]),
      [["advisory", "site [tst-1] should have a design PUE of at most 1.3; its design PUE is 1.45"]],
    );
  });

  it("points an operator's violation at fleet.yaml", () => {
    const swiss = fleetWith(MINIMAL, (f) => (f.operator = { ...f.operator, country: "CH" }));
    const [v] = preflight(swiss, "tst-1").violations;
    assert.deepEqual(
      [v!.message, v!.file, v!.line],
      ["operator [Test Operator SIA] should be incorporated in the EU; country CH is neither EU nor EEA", relative(process.cwd(), `${MINIMAL}/fleet.yaml`), 5],
    );
  });

  it("refuses a site the fleet does not have", () => {
    assert.throws(
      () => preflight(fleetAt(MINIMAL).fleet, "nowhere-1"),
      /^Error: site \[nowhere-1\] should be a site of fleet \[minimal\]; its sites are tst-1$/,
    );
  });
});
