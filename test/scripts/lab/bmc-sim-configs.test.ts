/** The simulated lab machines report the hardware the lab's inventory says they have, so that inspection accepts them. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadFleet } from "../../../inventory/load";
import { LAB_NODE_PORTS } from "../../../scripts/lab/bmc-sim";
import { labMac, redfishConfig } from "../../../scripts/lab/bmc-sim/configs";

describe("the simulated lab machines", () => {
  it("have as many network ports as lab-node's rails and storage ports", () => {
    const loaded = loadFleet(join(__dirname, "..", "..", "..", "inventory", "fleets", "lab"));
    const blueprint = loaded.fleet?.sites[0]?.site.blueprints.find((b) => b.id === "lab-node");
    assert.ok(blueprint, "inventory/fleets/lab has lab-node");
    assert.equal(LAB_NODE_PORTS, blueprint.rails + blueprint.storagePorts);
  });

  it("give each port its own MAC, the first one as before", () => {
    assert.equal(labMac("127.0.10", 1), "52:54:00:7f:0a:01");
    assert.equal(labMac("127.0.10", 1, 2), "52:54:02:7f:0a:01");
    const config = redfishConfig({
      node: "lab-1-h1-r001-n01",
      address: "127.0.10.1",
      port: 8000,
      systemId: "1",
      poweredOn: false,
      macs: [0, 1, 2].map((p) => labMac("127.0.10", 1, p)),
      htpasswd: "/dev/null",
      stateDir: "/tmp/x",
    });
    assert.match(config, /\\"nics\\":\[\{\\"mac\\":\\"52:54:00:7f:0a:01\\"\},\{\\"mac\\":\\"52:54:01:7f:0a:01\\"\},\{\\"mac\\":\\"52:54:02:7f:0a:01\\"\}\]/);
  });
});
