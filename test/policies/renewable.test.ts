/** Renewable accounting: what counts, what does not, and that nothing counts twice. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { certificateKey, type Supply } from "../../inventory/schema/energy";
import { accountRenewables } from "../../policies/rules/renewable";
import { roundDown, roundUp, siteKpis } from "../../policies/rules/kpis";
import { factsOf, factsWith, NORDIC } from "./fixture";

const energy = (demand: number, supply: Supply[]) => ({ annualDemandMWh: demand, supply });
const goo = (technology: Supply["technology"], mwh: number, certificates: string[], kind: Supply["kind"] = "goo"): Supply => ({
  kind,
  technology,
  annualMWh: mwh,
  goo: { cancelled: true, registry: "AST", certificates },
});

const supplyArb: fc.Arbitrary<Supply> = fc
  .record({
    kind: fc.constantFrom("ppa", "goo", "onsite", "grid"),
    technology: fc.constantFrom("wind", "solar", "hydro", "biomass", "geothermal", "nuclear", "fossil", "unknown"),
    annualMWh: fc.integer({ min: 0, max: 5000 }),
    goo: fc.option(
      fc.record({ cancelled: fc.boolean(), registry: fc.constant("AST"), certificates: fc.array(fc.constantFrom("A", "B", "C", "D"), { maxLength: 2 }) }),
      { nil: undefined },
    ),
  })
  .map((s) => (s.goo === undefined ? { kind: s.kind, technology: s.technology, annualMWh: s.annualMWh } : s));

describe("renewable accounting", () => {
  it("does not count on-site generation whose Guarantees of Origin were sold (not cancelled)", () => {
    const sold: Supply = { kind: "onsite", technology: "solar", annualMWh: 500, goo: { cancelled: false, registry: "AST", certificates: ["A"] } };
    const a = accountRenewables(energy(1000, [sold]));
    assert.deepEqual(
      [a.coveredMWh, a.supplies[0]!.reason],
      [0, "supply[0] (onsite, solar) is on-site generation whose Guarantees of Origin were not cancelled for the site (sold)"],
    );
  });

  it("does not count a certificate a site before it claimed", () => {
    const a = accountRenewables(energy(1000, [goo("wind", 500, ["A"]), goo("wind", 500, [" b "])]), [
      { certificate: "B", supply: 1, claimedBy: "site [riga-1] energy.supply[3]" },
    ]);
    assert.deepEqual(
      a.supplies.map((s) => s.reason ?? "counted"),
      ["counted", "supply[1] (goo, wind) claims certificate b, already claimed by site [riga-1] energy.supply[3]"],
    );
  });

  it("counts on-site renewables and cancelled GoOs, by kind", () => {
    const a = accountRenewables(
      energy(1000, [goo("wind", 300, ["A"], "ppa"), goo("hydro", 200, ["B"]), { kind: "onsite", technology: "solar", annualMWh: 100 }]),
    );
    assert.deepEqual([a.byKind, a.evidencedMWh, a.coveredMWh, a.share], [{ ppa: 300, goo: 200, onsite: 100 }, 600, 600, 0.6]);
  });

  it("counts a certificate once whatever the order of supplies, its case or its blanks", () => {
    const onsite: Supply = { kind: "onsite", technology: "solar", annualMWh: 500, goo: { cancelled: true, registry: "AST", certificates: ["A"] } };
    for (const supply of [
      [goo("wind", 500, ["A"]), onsite],
      [onsite, goo("wind", 500, ["A"])],
    ]) {
      assert.equal(accountRenewables(energy(1000, supply)).share, 0.5);
    }
    const a = accountRenewables(energy(1000, [goo("wind", 500, ["LV-GO-1"]), goo("wind", 500, [" lv-go-1 "])]));
    assert.equal(a.share, 0.5);
    assert.equal(a.supplies[1]!.reason, "supply[1] (goo, wind) repeats certificate  lv-go-1  of supply[0]");
  });

  it("compares certificates through the inventory's one key: a second claim repeats the first exactly when their keys are equal", () => {
    const id = fc.stringMatching(/^ ?[A-Za-z]{1,2}-?[0-9]? ?$/);
    fc.assert(
      fc.property(id, id, (a, b) => {
        const second = accountRenewables(energy(1000, [goo("wind", 300, [a]), goo("wind", 300, [b])])).supplies[1]!;
        assert.equal(second.reason !== undefined, certificateKey(a) === certificateKey(b), `${a} / ${b}`);
      }),
    );
    assert.equal(certificateKey(" lv-go-1 "), "LV-GO-1");
  });

  it("caps the covered energy at the demand", () => {
    const a = accountRenewables(energy(100, [goo("wind", 300, ["A"])]));
    assert.deepEqual([a.evidencedMWh, a.coveredMWh, a.share], [300, 100, 1]);
  });

  it("lists the reason of every supply it does not count", () => {
    const a = accountRenewables(
      energy(1000, [goo("wind", 300, ["A"]), goo("hydro", 200, ["A", "B"]), { kind: "grid", technology: "hydro", annualMWh: 100 }, goo("fossil", 50, ["C"])]),
    );
    assert.deepEqual(
      a.supplies.map((s) => s.reason ?? `counted ${s.countedMWh}`),
      [
        "counted 300",
        "supply[1] (goo, hydro) repeats certificate A of supply[0]",
        "supply[2] (grid, hydro) is grid supply, which never counts",
        "supply[3] (goo, fossil) is not renewable",
      ],
    );
  });

  it("lets a certificate count once it is evidenced, not when an earlier claim was refused", () => {
    const refused: Supply = { kind: "goo", technology: "wind", annualMWh: 300, goo: { cancelled: false, registry: "AST", certificates: ["A"] } };
    assert.equal(accountRenewables(energy(1000, [refused, goo("wind", 300, ["A"])])).coveredMWh, 300);
  });

  it("keeps the share between 0 and 1 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.array(supplyArb, { minLength: 1, maxLength: 6 }), (demand, supply) => {
        const a = accountRenewables(energy(demand, supply));
        return a.share >= 0 && a.share <= 1 && a.coveredMWh <= demand;
      }),
    );
  });

  it("never grows by repeating a supply (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.array(supplyArb, { minLength: 1, maxLength: 6 }), fc.nat(), (demand, supply, pick) => {
        const again = supply[pick % supply.length]!;
        if (again.kind === "onsite") return true; // on-site generation carries no certificate; repeating it is a second plant
        return accountRenewables(energy(demand, [...supply, again])).share === accountRenewables(energy(demand, supply)).share;
      }),
    );
  });

  it("never grows by adding grid, nuclear or fossil supply (property)", () => {
    const dirty = fc.record({
      kind: fc.constantFrom("ppa", "goo", "onsite", "grid"),
      technology: fc.constantFrom("nuclear", "fossil", "unknown"),
      annualMWh: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.array(supplyArb, { minLength: 1, maxLength: 6 }), dirty, (demand, supply, extra) => {
        return accountRenewables(energy(demand, [...supply, extra as Supply])).share === accountRenewables(energy(demand, supply)).share;
      }),
    );
  });
});

describe("EU data-centre KPI sheet", () => {
  it("computes PUE, WUE, ERF and REF of the fixture, with the period and the thresholds applied", () => {
    const { kpis, renewableShare, evidence } = siteKpis(factsOf(), { reportingThresholdKW: 500 });
    assert.deepEqual(kpis, {
      period: "2027",
      edcMWh: 400,
      eitMWh: 320,
      winM3: 40,
      winPotM3: 4,
      ereuseMWh: 80,
      eresGooMWh: 0,
      eresPpaMWh: 240,
      eresOsMWh: 160,
      eresTotMWh: 400,
      pue: 1.25,
      designPue: 1.2,
      wue: 0.125,
      erf: 0.2,
      ref: 1,
      itPowerKW: 42,
      reportingObligation: false,
      missing: [],
      thresholds: { renewableShare: 1, maxPue: 1.3, reportingThresholdKW: 500, heatReuseThresholdKW: 1000 },
    });
    assert.equal(renewableShare, 1);
    assert.deepEqual(
      evidence.map((e) => [e.index, e.countedMWh, e.certificates]),
      [
        [0, 240, ["LV-GO-1"]],
        [1, 160, []],
      ],
    );
  });

  it("never rounds a failing REF or PUE onto its threshold", () => {
    const short = siteKpis(
      factsWith((f) => (f.energy.annualDemandMWh = 400.01)),
      { reportingThresholdKW: 500 },
    ).kpis;
    assert.deepEqual([short.ref, short.eresTotMWh], [0.9999, 400]);
    const pue = siteKpis(
      factsWith((f) => ((f.energy.annualDemandMWh = 416.01), (f.energy.itEnergyMWh = 320))),
      { reportingThresholdKW: 500 },
    ).kpis.pue;
    assert.equal(pue, 1.3001);
    assert.deepEqual([roundDown(0.99996), roundUp(1.30004), roundUp(1.25 + 1e-15), roundDown(0.3 - 1e-15)], [0.9999, 1.3001, 1.25, 0.3]);
  });

  it("caps the renewable kinds at demand so they add up (on-site first, then PPAs, then GoOs)", () => {
    const k = siteKpis(
      factsWith((f) => (f.energy.annualDemandMWh = 300)),
      { reportingThresholdKW: 500 },
    ).kpis;
    assert.deepEqual([k.eresOsMWh, k.eresPpaMWh, k.eresGooMWh, k.eresTotMWh], [160, 140, 0, 300]);
  });

  it("adds up: each kind ≤ ERES-TOT ≤ EDC, the kinds sum to ERES-TOT, PUE ≥ 1 (property)", () => {
    const figures = fc.record({
      demand: fc.integer({ min: 1, max: 20000 }),
      itShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
      supply: fc.array(supplyArb, { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(figures, ({ demand, itShare, supply }) => {
        const facts = factsWith((f) => {
          f.energy = { ...energy(demand, supply), itEnergyMWh: demand * itShare };
        });
        const k = siteKpis(facts, { reportingThresholdKW: 500 }).kpis;
        const kinds = [k.eresGooMWh, k.eresPpaMWh, k.eresOsMWh];
        return (
          kinds.every((x) => x >= 0 && x <= k.eresTotMWh + 1e-9) &&
          Math.abs(kinds.reduce((a, b) => a + b, 0) - k.eresTotMWh) < 1e-6 &&
          k.eresTotMWh <= k.edcMWh &&
          k.ref <= 1 &&
          k.ref <= k.eresTotMWh / k.edcMWh &&
          k.pue !== null &&
          k.pue >= 1
        );
      }),
    );
  });

  it("leaves a KPI null when its figures are missing, and flags the reporting obligation", () => {
    const facts = factsOf(NORDIC);
    delete facts.energy.itEnergyMWh;
    const { kpis } = siteKpis(facts, { reportingThresholdKW: 500 });
    assert.deepEqual([kpis.pue, kpis.wue, kpis.reportingObligation], [null, null, true]);
  });
});
