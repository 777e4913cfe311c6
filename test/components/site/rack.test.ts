/**
 * The Rack component applies the one test of a rack's draw against its feeds (`overdrawn`, which
 * the loader and the rack-power-capacity rule apply too): a rack that fits is built with its
 * figures rounded once, an overdrawn one is refused before anything is registered.
 */
import assert from "node:assert/strict";
import { Rack } from "../../../components/site/rack";
import { loadFleet } from "../../../inventory/load";
import { headroomKW, overdrawn } from "../../../model/power";
import { roundTenth } from "../../../model/round";
import { MINIMAL_FLEET } from "../../helpers/fleet-fixture";
import { recordResources } from "../../helpers/mocks";

function fixtureRack() {
  return loadFleet(MINIMAL_FLEET).expanded[0]!.racks[0]!;
}

describe("Rack", () => {
  it("holds a rack that its feeds can carry, with the draw, capacity and headroom of the power model", () => {
    const recorded = recordResources(["gigafactory:site:Rack"]);
    const rack = fixtureRack();
    assert.equal(overdrawn(rack), false);
    const component = new Rack("tst-1-h1-r001", { rack });
    assert.deepEqual([component.drawKW, component.usableKW, component.accelerators], [21, 34.9, 16]);
    assert.equal(component.usableKW, roundTenth(rack.usableKW));
    assert.equal(roundTenth(headroomKW(rack)), 13.9);
    assert.deepEqual(recorded.refused, []);
  });

  it("refuses a rack that draws more than its feeds allow, before registering it", () => {
    const recorded = recordResources(["gigafactory:site:Rack"]);
    const rack = { ...fixtureRack(), drawKW: 35 };
    assert.equal(overdrawn(rack), true);
    assert.throws(() => new Rack("tst-1-h1-r001", { rack }), { message: "rack [tst-1-h1-r001] draws 35 kW but its feeds allow 34.9 kW" });
    assert.equal(recorded.length, 0);
  });

  it("holds a rack that draws exactly what its feeds allow", () => {
    recordResources(["gigafactory:site:Rack"]);
    const rack = fixtureRack();
    const component = new Rack("tst-1-h1-r001", { rack: { ...rack, drawKW: rack.usableKW } });
    assert.equal(component.drawKW, rack.usableKW);
  });
});
