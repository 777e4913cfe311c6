/** In-band and out-of-band management sizing: per-rack switches, aggregation blocks, validation. */
import assert from "node:assert/strict";
import { sizeInBandManagement, sizeOutOfBand, type RackEquipment } from "../../../model/fabric";

const racks = (count: number, nodes: number, otherDevices?: number): RackEquipment[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `riga-1-h1-r${String(i + 1).padStart(3, "0")}`,
    nodes,
    ...(otherDevices !== undefined ? { otherDevices } : {}),
  }));

describe("management network sizing", () => {
  describe("in-band", () => {
    it("one top-of-rack switch per rack, two aggregation switches", () => {
      const s = sizeInBandManagement("riga-1-inband", racks(4, 4));
      assert.deepEqual(
        s.accessSwitches.map((a) => [a.name, a.racks, a.devicePorts, a.uplinks]),
        [1, 2, 3, 4].map((n) => [`riga-1-h1-r00${n}-mgmt`, [`riga-1-h1-r00${n}`], 4, 2]),
      );
      assert.deepEqual(s.access, { switches: 4, portsProvisioned: 192, portsUsed: 16 + 8 });
      assert.deepEqual(s.aggregation, { switches: 2, portsProvisioned: 128, portsUsed: 8 + 8 });
      assert.deepEqual(s.cables, { deviceAccess: 16, accessAggregation: 8, aggregationCore: 8, total: 32 });
    });

    it("one switch per two racks, bonded node ports; a rack without nodes gets none", () => {
      const s = sizeInBandManagement("m", [...racks(3, 8), { name: "net-rack", nodes: 0 }], { racksPerSwitch: 2, portsPerNode: 2 });
      assert.deepEqual(
        s.accessSwitches.map((a) => [a.name, a.racks, a.devicePorts]),
        [
          ["riga-1-h1-r001-mgmt", ["riga-1-h1-r001", "riga-1-h1-r002"], 32],
          ["riga-1-h1-r003-mgmt", ["riga-1-h1-r003", "net-rack"], 16],
        ],
      );
    });

    it("a block needing more than 46 ports takes a second switch", () => {
      const s = sizeInBandManagement("m", racks(1, 60));
      assert.deepEqual(
        s.accessSwitches.map((a) => [a.name, a.devicePorts]),
        [
          ["riga-1-h1-r001-mgmt", 46],
          ["riga-1-h1-r001-mgmt2", 14],
        ],
      );
    });
  });

  describe("out-of-band", () => {
    it("a GB200 NVL72 rack: 18 tray BMCs, 2 PDUs and 19 other devices fit one 48-port switch", () => {
      const s = sizeOutOfBand("riga-1-oob", racks(8, 18, 19));
      assert.equal(s.access.switches, 8);
      assert.deepEqual(s.accessSwitches[0], { name: "riga-1-h1-r001-oob", racks: ["riga-1-h1-r001"], devicePorts: 39, uplinks: 2 });
      assert.equal(s.aggregation.switches, 2);
    });

    it("every rack gets one, even without nodes; 100 racks need 3 aggregation blocks of 44", () => {
      const s = sizeOutOfBand("o", [...racks(99, 4), { name: "net-rack", nodes: 0 }]);
      assert.equal(s.access.switches, 100);
      assert.deepEqual(s.accessSwitches.at(-1), { name: "net-rack-oob", racks: ["net-rack"], devicePorts: 2, uplinks: 2 });
      assert.equal(s.aggregation.switches, 6);
    });
  });

  const cases: [string, () => unknown, string][] = [
    ["no racks", () => sizeOutOfBand("o", []), "fabric [o] has no racks; give at least one"],
    ["a rack twice", () => sizeOutOfBand("o", [...racks(2, 1), ...racks(1, 1)]), "fabric [o] rack [riga-1-h1-r001] appears twice"],
    ["negative nodes", () => sizeInBandManagement("m", racks(1, -2)), "fabric [m] rack [riga-1-h1-r001] nodes -2 should be an integer of at least 0"],
    [
      "uplinks that fill the switch",
      () => sizeOutOfBand("o", racks(1, 1), { uplinksPerSwitch: 48 }),
      "fabric [o] uplinksPerSwitch 48 should leave device ports on a 48-port switch",
    ],
    [
      "zero racks per switch",
      () => sizeInBandManagement("m", racks(1, 1), { racksPerSwitch: 0 }),
      "fabric [m] racksPerSwitch 0 should be an integer of at least 1",
    ],
  ];
  for (const [what, call, message] of cases) {
    it(`rejects ${what}`, () => assert.throws(call, { message }));
  }
});
