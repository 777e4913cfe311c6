/**
 * The Redfish driver against a real sushy-emulator (fake driver) on 127.0.20.0/24. The emulator
 * applies a power change 1 to 11 s after accepting it, as real BMCs take their time: the power
 * tests wait for it.
 */
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { parseBmcUrl, type RedfishUrl } from "../../model/bmc-url";
import { bootOnce, power } from "../../bmc/power";
import { RedfishClient } from "../../bmc/redfish";
import { rejectsWith, usePeers, wrongPassword } from "./peers";

const FAST = { pollIntervalMs: 250, settleTimeoutMs: 15_000 };

describe("Redfish against sushy-emulator @peers", () => {
  // node-1 starts off, node-2 starts on.
  const site = usePeers("127.0.20", 2, [2]);
  const bmc = (n = 1) => site().bmcs[n - 1]!.redfish;
  const client = (n = 1) => new RedfishClient(parseBmcUrl(bmc(n)) as RedfishUrl, site().credentials);

  it("reads the PowerState and boot override of a system", async () => {
    assert.equal(await client(1).powerState(), "off");
    assert.equal(await client(2).powerState(), "on");
    assert.equal(await client(1).bootOverride(), "Hdd");
  });

  it("powers one node on and another off (ForceOff) at once, waiting until each BMC reports it", async function () {
    this.timeout(20_000);
    const [on, off] = await Promise.all([power("on", { bmc: bmc(1) }, site().credentials, FAST), power("off", { bmc: bmc(2) }, site().credentials, FAST)]);
    assert.deepEqual(on, { bmc: bmc(1), protocol: "redfish", action: "on", before: "off", after: "on", changed: true });
    assert.deepEqual(off, { bmc: bmc(2), protocol: "redfish", action: "off", before: "on", after: "off", changed: true });
  });

  it("powering on a node that is on, or off one that is off, changes nothing and says so", async () => {
    const on = await power("on", { bmc: bmc(1) }, site().credentials, FAST);
    assert.deepEqual(on, { bmc: bmc(1), protocol: "redfish", action: "on", before: "on", after: "on", changed: false });
    const off = await power("off", { bmc: bmc(2) }, site().credentials, FAST);
    assert.deepEqual(off, { bmc: bmc(2), protocol: "redfish", action: "off", before: "off", after: "off", changed: false });
  });

  it("sets a one-time PXE boot, then disk, and reads each back", async () => {
    const pxe = await bootOnce("pxe", { bmc: bmc() }, site().credentials);
    assert.deepEqual(pxe, { bmc: bmc(), protocol: "redfish", device: "pxe", before: "Hdd", after: "Pxe", changed: true });
    const disk = await bootOnce("disk", { bmc: bmc() }, site().credentials);
    assert.deepEqual(disk, { bmc: bmc(), protocol: "redfish", device: "disk", before: "Pxe", after: "Hdd", changed: true });
  });

  it("names the BMC and the HTTP status when the password is wrong", async () => {
    await rejectsWith(
      power("status", { bmc: bmc() }, wrongPassword(site().credentials)),
      "auth",
      "BMC [redfish+http://127.0.20.1:8000/redfish/v1/Systems/1] rejected the credentials on POST /redfish/v1/SessionService/Sessions (HTTP 401 Unauthorized: Incorrect username or password)",
    );
  });

  it("names the BMC, the request and the HTTP status for a system it does not have", async () => {
    await rejectsWith(
      power("status", { bmc: "redfish+http://127.0.20.1:8000/redfish/v1/Systems/2" }, site().credentials),
      "refused",
      "BMC [redfish+http://127.0.20.1:8000/redfish/v1/Systems/2] answered GET /redfish/v1/Systems/2 with HTTP 404 NOT FOUND: Fake system 2 was not found",
    );
  });

  it("says a BMC on a closed port is unreachable", async () => {
    await rejectsWith(
      power("status", { bmc: "redfish+http://127.0.20.1:8001/redfish/v1/Systems/1" }, site().credentials),
      "unreachable",
      "BMC [redfish+http://127.0.20.1:8001/redfish/v1/Systems/1] is unreachable: connect ECONNREFUSED 127.0.20.1:8001",
    );
  });

  describe("a BMC that accepts the connection and never answers", () => {
    let server: Server;
    let port: number;
    const sockets: Socket[] = [];
    before((done) => {
      server = createServer((s) => sockets.push(s)).listen(0, "127.0.20.250", () => {
        port = (server.address() as { port: number }).port;
        done();
      });
    });
    after((done) => {
      for (const s of sockets) s.destroy();
      server.close(() => done());
    });

    it("times out with the request named", async () => {
      const url = `redfish+http://127.0.20.250:${port}/redfish/v1/Systems/1`;
      await rejectsWith(
        power("status", { bmc: url }, site().credentials, { requestTimeoutMs: 300 }),
        "timeout",
        `BMC [${url}] did not answer POST /redfish/v1/SessionService/Sessions within 0.3 s`,
      );
    });
  });
});
