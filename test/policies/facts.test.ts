/** The site facts: built from the model, read back by the pack, and refused when malformed. */
import assert from "node:assert/strict";
import { FACTS_VERSION } from "../../model/site-facts";
import { siteFacts } from "../../policies/facts";
import { siteRangeSet } from "../../model/site-ranges";
import { siteRangeList } from "../../model/site-ranges";
import { readSiteFacts } from "../../policies/read-facts";
import { factsOf, factsWith, fleetAt, ICELAND, LAB, NORDIC } from "./fixture";

describe("site facts", () => {
  it("summarise the fixture as the pack reads it", () => {
    const f = factsOf();
    assert.deepEqual(
      { ...f, energy: undefined },
      {
        factsVersion: FACTS_VERSION,
        siteId: "tst-1",
        country: "LV",
        subdivision: "LV-RIX",
        operator: { name: "Test Operator SIA", country: "LV" },
        energy: undefined,
        facility: { gridConnectionMW: 1, designPue: 1.2, heatReuse: { consumer: "District heating", capacityMW: 0.1 } },
        itPowerKW: 42,
        rackTypes: [{ id: "hgx2", racks: 2, drawKW: 21, usableKW: f.rackTypes[0]!.usableKW, redundancy: "2N" }],
        storage: [{ id: "tst-nfs", replicas: [{ country: "LV", site: "tst-1" }], backups: [{ country: "FI" }] }],
        network: {
          outOfBand: "10.0.0.0/20",
          inBand: "10.1.0.0/20",
          storage: "10.2.0.0/20",
          compute: "10.8.0.0/17",
          tenantRanges: ["100.64.0.0/16"],
          publicRanges: [],
        },
        tenants: [
          { id: "uni", class: "research" },
          { id: "acme", class: "startup" },
        ],
        gpus: [{ blueprint: "hgx-h200", built: 32 }],
        queues: [
          { class: "research", quotas: [{ blueprint: "hgx-h200", gpus: 24 }] },
          { class: "startup", quotas: [{ blueprint: "hgx-h200", gpus: 8 }] },
        ],
      },
    );
    assert.equal(Math.round(f.rackTypes[0]!.usableKW * 100) / 100, 34.92);
    assert.equal(f.energy.supply.length, 2);
  });

  it("are plain JSON that the pack reads back unchanged, for every sample site", () => {
    for (const dir of [NORDIC, ICELAND]) {
      const { fleet, expanded } = fleetAt(dir);
      for (const e of expanded) {
        const facts = siteFacts(fleet, e);
        assert.deepEqual(JSON.parse(JSON.stringify(facts)), facts);
        assert.deepEqual(readSiteFacts(facts), { facts });
      }
    }
  });

  it("carry every range the loader checks, the underlay too, as the one list the out-of-band rule compares", () => {
    for (const dir of [NORDIC, ICELAND, LAB]) {
      const { fleet, expanded } = fleetAt(dir);
      for (const e of expanded) {
        const facts = siteFacts(fleet, e);
        assert.deepEqual(siteRangeList(facts.network), siteRangeList(siteRangeSet(e.site.network)));
      }
    }
    const lab = siteFacts(fleetAt(LAB).fleet, fleetAt(LAB).expanded[0]!);
    assert.equal(lab.network.underlay, "10.250.4.0/24");
    assert.deepEqual(
      siteRangeList(lab.network).map((r) => `${r.name} ${r.path.join(".")} ${r.cidr}`),
      [
        "outOfBand network.outOfBand.cidr 127.0.10.0/24",
        "inBand network.inBand.cidr 10.250.1.0/24",
        "compute network.compute.cidr 10.250.3.0/24",
        "storage network.storage.cidr 10.250.2.0/24",
        "underlay network.compute.underlayCidr 10.250.4.0/24",
        "tenantRanges[0] network.tenantRanges.0 100.127.0.0/24",
      ],
    );
  });

  it("do not share objects with the model", () => {
    const { fleet, expanded } = fleetAt(NORDIC);
    const facts = siteFacts(fleet, expanded[0]!);
    facts.energy.supply[0]!.annualMWh = -1;
    assert.notEqual(expanded[0]!.site.energy.supply[0]!.annualMWh, -1);
  });

  it("are refused with the first problem named", () => {
    assert.deepEqual(readSiteFacts(undefined), { problem: "must be object" });
    assert.deepEqual(readSiteFacts(factsWith((f) => Object.assign(f, { extra: 1 }))), { problem: 'unknown field "extra"' });
    assert.deepEqual(readSiteFacts(factsWith((f) => (f.energy.annualDemandMWh = 0))), { problem: "energy.annualDemandMWh: must be > 0" });
    assert.deepEqual(readSiteFacts(factsWith((f) => (f.network.outOfBand = "10.0.0.0"))), {
      problem:
        'network.outOfBand: must match pattern "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$"',
    });
  });
});
