/** Power arithmetic: the NetBox feed formula, redundancy, budgets. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { siteBudget } from "../../model/power-budget";
import { feedUsableKW, formatKW, headroomKW, overdrawn, rackDrawKW, rackPower, rackUsableKW } from "../../model/power";
import { roundTenth } from "../../model/round";

describe("power", () => {
  it("usable kW = V × A × √3 (three-phase) × max utilisation", () => {
    assert.equal(roundTenth(feedUsableKW({ voltage: 415, amperage: 250, phase: "three", maxUtilisation: 0.8 })), 143.8);
    assert.equal(feedUsableKW({ voltage: 230, amperage: 32, phase: "single", maxUtilisation: 0.8 }), 5.888);
  });

  it("2N takes the weakest feed; N adds them up", () => {
    const feed = (amperage: number) => ({ voltage: 400, amperage, phase: "three" as const, maxUtilisation: 1 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 }), (amps) => {
        const each = amps.map((a) => feedUsableKW(feed(a)));
        assert.equal(rackUsableKW(amps.map(feed), "2N"), Math.min(...each));
        assert.ok(Math.abs(rackUsableKW(amps.map(feed), "N") - each.reduce((x, y) => x + y, 0)) < 1e-9);
      }),
    );
  });

  it("a rack draws its nodes plus its overhead, against what its feeds allow", () => {
    const blueprints = new Map([
      ["hgx", { powerKW: 10.2 }],
      ["cpu", { powerKW: 0.8 }],
    ]);
    const feed = { voltage: 400, amperage: 63, phase: "three" as const, maxUtilisation: 0.8 };
    const type = {
      overheadKW: 1.5,
      nodes: [
        { blueprint: "hgx", count: 2 },
        { blueprint: "cpu", count: 3 },
      ],
      feeds: [feed, feed],
      redundancy: "2N" as const,
    };
    assert.equal(roundTenth(rackDrawKW(type, blueprints)), 24.3);
    assert.deepEqual(rackPower(type, blueprints), { drawKW: rackDrawKW(type, blueprints), usableKW: feedUsableKW(feed) });
    assert.equal(overdrawn(rackPower(type, blueprints)), false);
    assert.equal(
      overdrawn(
        rackPower(
          {
            ...type,
            redundancy: "N",
            feeds: [
              { ...feed, amperage: 16 },
              { ...feed, amperage: 16 },
            ],
          },
          blueprints,
        ),
      ),
      true,
    );
  });

  it("a rack is overdrawn exactly when its headroom is negative; a rack drawing all its feeds allow fits", () => {
    assert.equal(overdrawn({ drawKW: 34.9, usableKW: 34.9 }), false);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), (drawKW, usableKW) => {
        assert.equal(overdrawn({ drawKW, usableKW }), headroomKW({ drawKW, usableKW }) < 0);
      }),
    );
  });

  it("rounds figures to one decimal in one place", () => {
    assert.deepEqual([roundTenth(143.7602), roundTenth(0.05), roundTenth(-24.04), roundTenth(270)], [143.8, 0.1, -24, 270]);
    assert.equal(formatKW(34.9219), "34.9 kW");
  });

  it("rolls racks up into halls and the site, with facility power from the design PUE", () => {
    const budget = siteBudget(
      [
        { name: "s-h1-r001", hall: "h1", drawKW: 100, usableKW: 140 },
        { name: "s-h1-r002", hall: "h1", drawKW: 130, usableKW: 140 },
        { name: "s-h2-r001", hall: "h2", drawKW: 40, usableKW: 57.5 },
      ],
      1.2,
      0.3,
    );
    assert.deepEqual(budget, {
      itKW: 270,
      facilityKW: 324,
      gridConnectionKW: 300,
      gridHeadroomKW: -24,
      halls: [
        { hall: "h1", racks: 2, itKW: 230, usableKW: 280, tightestRack: { name: "s-h1-r002", headroomKW: 10 } },
        { hall: "h2", racks: 1, itKW: 40, usableKW: 57.5, tightestRack: { name: "s-h2-r001", headroomKW: 17.5 } },
      ],
    });
  });

  it("conserves IT power across halls", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ hall: fc.constantFrom("h1", "h2", "h3"), drawKW: fc.integer({ min: 1, max: 150 }) }), { minLength: 1 }), (racks) => {
        const b = siteBudget(
          racks.map((r, i) => ({ name: `r${i}`, hall: r.hall, drawKW: r.drawKW, usableKW: 150 })),
          1.1,
          100,
        );
        assert.equal(
          b.halls.reduce((kw, h) => kw + h.itKW, 0),
          b.itKW,
        );
        assert.equal(
          b.halls.reduce((n, h) => n + h.racks, 0),
          racks.length,
        );
      }),
    );
  });
});
