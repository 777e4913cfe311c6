/** Power arithmetic: the NetBox feed formula, redundancy, budgets. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { siteBudget } from "../../model/power-budget";
import { feedUsableKW, rackUsableKW } from "../../model/power";

describe("power", () => {
  it("usable kW = V × A × √3 (three-phase) × max utilisation", () => {
    assert.equal(Math.round(feedUsableKW({ voltage: 415, amperage: 250, phase: "three", maxUtilisation: 0.8 }) * 10) / 10, 143.8);
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
        const b = siteBudget(racks.map((r, i) => ({ name: `r${i}`, hall: r.hall, drawKW: r.drawKW, usableKW: 150 })), 1.1, 100);
        assert.equal(b.halls.reduce((kw, h) => kw + h.itKW, 0), b.itKW);
        assert.equal(b.halls.reduce((n, h) => n + h.racks, 0), racks.length);
      }),
    );
  });
});
