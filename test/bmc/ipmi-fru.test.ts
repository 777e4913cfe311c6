/** IPMI FRU: the lab's FRU image (scripts/lab/bmc-sim/fru.ts) is well formed, and what ipmitool prints of it becomes hardware facts. */
import assert from "node:assert/strict";
import { factsFromFru } from "../../bmc/ipmi-fru";
import { fruCommand, fruImage } from "../../scripts/lab/bmc-sim/fru";
import { labFru } from "../../scripts/lab/bmc-sim";

const PRINTED = ` FRU Device Description : Builtin FRU Device (ID 0)
 Chassis Type          : Rack Mount Chassis
 Chassis Part Number   : LAB-CHASSIS-4U
 Chassis Serial        : LABCH-27-1
 Board Mfg Date        : Mon Jan  1 00:00:00 1996 UTC
 Board Mfg             : Gigafactory Lab
 Board Product         : Simulated HGX node
 Board Serial          : LABSN-27-1
 Board Part Number     : LAB-HGX-8
 Product Manufacturer  : Gigafactory Lab
 Product Name          : Simulated HGX node
 Product Part Number   : LAB-HGX-8
 Product Version       : 1.0
 Product Serial        : LABSN-27-1
`;

describe("IPMI FRU", () => {
  it("turns ipmitool's fru print into facts, leaving GPUs, memory and NICs unreported", () => {
    assert.deepEqual(factsFromFru("ipmi://10.0.0.5:623", PRINTED), {
      bmc: "ipmi://10.0.0.5:623",
      source: "ipmi",
      manufacturer: "Gigafactory Lab",
      model: "Simulated HGX node",
      serialNumber: "LABSN-27-1",
      chassis: { id: "0", model: "LAB-CHASSIS-4U", serialNumber: "LABCH-27-1" },
    });
  });

  it("builds areas of whole 8-byte units whose bytes sum to zero, as the FRU specification asks", () => {
    const image = fruImage(labFru("127.0.27", 1));
    const header = image.slice(0, 8);
    assert.equal(header.reduce((a, b) => a + b, 0) % 256, 0);
    for (const at of header.slice(2, 5)) {
      const area = image.slice(at * 8, at * 8 + image[at * 8 + 1]! * 8);
      assert.equal(area.length % 8, 0);
      assert.equal(area.reduce((a, b) => a + b, 0) % 256, 0);
    }
    assert.match(fruCommand(image), new RegExp(`^mc_add_fru_data 0x20 0 ${image.length} data 0x01 `));
  });
});
