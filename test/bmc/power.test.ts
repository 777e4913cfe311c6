/**
 * Power control across protocols: Redfish first, the fallback when Redfish does not answer or fails
 * on its side, against real simulated BMCs on 127.0.22.0/24; then the waiting logic on scripted
 * drivers.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { BmcError, type BmcDriver, type PowerRequest, type PowerState } from "../../bmc/bmc";
import { power } from "../../bmc/power";
import { rejectsWith, usePeers, wrongPassword } from "./peers";

describe("power with a fallback BMC @peers", () => {
  const site = usePeers("127.0.22", 1);
  const redfish = () => site().bmcs[0]!.redfish;
  const ipmi = () => site().bmcs[0]!.ipmi;
  const closed = "redfish+http://127.0.22.1:8001/redfish/v1/Systems/1";

  it("uses Redfish when it answers, and leaves the fallback alone", async () => {
    const r = await power("status", { bmc: redfish(), fallback: ipmi() }, site().credentials);
    assert.deepEqual(r, { bmc: redfish(), protocol: "redfish", action: "status", before: "off", after: "off", changed: false });
  });

  it("falls back to IPMI when the Redfish BMC does not answer, and says why", async () => {
    const r = await power("on", { bmc: closed, fallback: ipmi() }, site().credentials);
    assert.deepEqual(r, {
      bmc: ipmi(),
      protocol: "ipmi",
      action: "on",
      before: "off",
      after: "on",
      changed: true,
      fallbackFrom: { bmc: closed, error: "BMC [redfish+http://127.0.22.1:8001/redfish/v1/Systems/1] is unreachable: connect ECONNREFUSED 127.0.22.1:8001" },
    });
  });

  it("does not fall back when Redfish rejects the credentials", async () => {
    await rejectsWith(
      power("on", { bmc: redfish(), fallback: ipmi() }, wrongPassword(site().credentials)),
      "auth",
      "BMC [redfish+http://127.0.22.1:8000/redfish/v1/Systems/1] rejected the credentials on POST /redfish/v1/SessionService/Sessions (HTTP 401 Unauthorized: Incorrect username or password)",
    );
  });

  it("does not fall back on a 4xx answer", async () => {
    await rejectsWith(
      power("on", { bmc: "redfish+http://127.0.22.1:8000/redfish/v1/Systems/7", fallback: ipmi() }, site().credentials),
      "refused",
      "BMC [redfish+http://127.0.22.1:8000/redfish/v1/Systems/7] answered GET /redfish/v1/Systems/7 with HTTP 404 NOT FOUND: Fake system 7 was not found",
    );
  });

  it("names both BMCs when the fallback fails too", async () => {
    await rejectsWith(
      power("on", { bmc: closed, fallback: ipmi() }, wrongPassword(site().credentials)),
      "auth",
      "BMC [ipmi://127.0.22.1:6230] rejected the credentials (RAKP 2 HMAC is invalid); tried as the fallback after: BMC [redfish+http://127.0.22.1:8001/redfish/v1/Systems/1] is unreachable: connect ECONNREFUSED 127.0.22.1:8001",
    );
  });

  describe("a Redfish BMC that answers 503", () => {
    let server: Server;
    let busy: string;
    before((done) => {
      server = createServer((_req, res) => {
        res
          .writeHead(503, { "Content-Type": "application/json" })
          .end(JSON.stringify({ error: { code: "Base.1.0.GeneralError", message: "the BMC is busy" } }));
      }).listen(0, "127.0.22.250", () => {
        busy = `redfish+http://127.0.22.250:${(server.address() as { port: number }).port}/redfish/v1/Systems/1`;
        done();
      });
    });
    after((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });

    it("falls back to IPMI", async () => {
      const r = await power("status", { bmc: busy, fallback: ipmi() }, site().credentials);
      assert.equal(r.protocol, "ipmi");
      assert.deepEqual(r.fallbackFrom, {
        bmc: busy,
        error: `BMC [${busy}] answered POST /redfish/v1/SessionService/Sessions with HTTP 503 Service Unavailable: the BMC is busy (after 3 attempts)`,
      });
    });
  });
});

/** A BMC whose power state follows a script: each read takes the next state (the last one repeats). */
class ScriptedBmc implements BmcDriver {
  readonly url = "redfish://scripted.example/redfish/v1/Systems/1";
  readonly protocol = "redfish" as const;
  readonly requests: PowerRequest[] = [];
  constructor(private readonly reads: (PowerState | BmcError)[]) {}
  async powerState(): Promise<PowerState> {
    const next = this.reads.length > 1 ? this.reads.shift()! : this.reads[0]!;
    if (next instanceof BmcError) throw next;
    return next;
  }
  async requestPower(request: PowerRequest): Promise<void> {
    this.requests.push(request);
  }
  async bootOverride(): Promise<string> {
    return "Hdd";
  }
  async setBootOnce(): Promise<void> {}
}

describe("power: waiting for the state to follow", () => {
  const credentials = { username: "u", password: "p" };
  const run = (d: ScriptedBmc, action: "on" | "off", extra: { graceful?: boolean } = {}) =>
    power(action, { bmc: d.url }, credentials, { driver: () => d, pollIntervalMs: 10, settleTimeoutMs: 300, ...extra });

  it("asks once and polls until the BMC reports the state", async () => {
    const d = new ScriptedBmc(["off", "off", "powering-on", "on"]);
    assert.deepEqual(await run(d, "on"), { bmc: d.url, protocol: "redfish", action: "on", before: "off", after: "on", changed: true });
    assert.deepEqual(d.requests, ["on"]);
  });

  it("asks for an orderly shutdown when told to be graceful", async () => {
    const d = new ScriptedBmc(["on", "powering-off", "off"]);
    await run(d, "off", { graceful: true });
    assert.deepEqual(d.requests, ["graceful-off"]);
  });

  it("does not ask again while the node is already powering on", async () => {
    const d = new ScriptedBmc(["powering-on", "on"]);
    assert.deepEqual(await run(d, "on"), { bmc: d.url, protocol: "redfish", action: "on", before: "powering-on", after: "on", changed: false });
    assert.deepEqual(d.requests, []);
  });

  it("reads through a BMC that drops out for a moment while it changes state", async () => {
    const d = new ScriptedBmc(["off", new BmcError("BMC [x] is unreachable: connect ECONNRESET", "x", "unreachable"), "on"]);
    assert.equal((await run(d, "on")).after, "on");
  });

  it("gives up with the last state it saw when the state does not follow", async () => {
    const d = new ScriptedBmc(["off"]);
    await rejectsWith(run(d, "on"), "settle", "BMC [redfish://scripted.example/redfish/v1/Systems/1] accepted power on but still reports off after 0.3 s");
  });

  it("stops waiting at once when the BMC starts rejecting the credentials", async () => {
    const denied = new BmcError("BMC [x] rejected the credentials on POST /redfish/v1/SessionService/Sessions (HTTP 401 Unauthorized)", "x", "auth", 401);
    const d = new ScriptedBmc(["off", denied]);
    await assert.rejects(run(d, "on"), denied);
  });
});
