/**
 * The Redfish client's safety against a real sushy-emulator over HTTPS (a lab CA made with openssl
 * for this run) behind the fault proxy (test/helpers/fault-proxy.ts) on 127.0.26.0/24: TLS per BMC,
 * stalls, resets, 5xx, 429, redirects, sessions, ETags and task monitors. Each behaviour is pinned by
 * what the client returned and by what the proxy saw.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { BmcError } from "../../bmc/bmc";
import { parseBmcUrl, type RedfishUrl } from "../../model/bmc-url";
import { power } from "../../bmc/power";
import { RedfishClient, SESSIONS_PATH, type RedfishOptions } from "../../bmc/redfish";
import { rejectsWith, usePeers } from "./peers";
import { useProxy } from "./proxy";

const SYSTEM = "/redfish/v1/Systems/1";

describe("Redfish client safety behind a fault proxy @peers", () => {
  const site = usePeers("127.0.26", 1, [], { https: true });
  const bmc = useProxy(site, "127.0.26.200");
  const sessions = useProxy(site, "127.0.26.201", { sessions: true });
  const client = (url = bmc().url(), o: RedfishOptions = {}) =>
    new RedfishClient(parseBmcUrl(url) as RedfishUrl, site().credentials, { tls: { caBundle: bmc().caBundle }, ...o });
  const tls = () => ({ tls: { caBundle: bmc().caBundle } });
  const gets = () => bmc().proxy.log.filter((l) => l.method === "GET" && l.path === SYSTEM).length;

  describe("TLS per BMC", () => {
    it("verifies the BMC's certificate against its CA bundle", async () => {
      assert.equal(await client().powerState(), "off");
    });

    it("refuses a BMC whose CA it was not given, and does not fall back to IPMI for it", async () => {
      await assert.rejects(power("status", { bmc: bmc().url(), fallback: site().bmcs[0]!.ipmi }, site().credentials), (e: unknown) => {
        assert.ok(e instanceof BmcError);
        assert.equal(e.kind, "tls");
        assert.equal(e.message, `BMC [${bmc().url()}] failed the TLS handshake on POST ${SESSIONS_PATH}: unable to verify the first certificate`);
        return true;
      });
    });

    it("skips verification for the one BMC marked insecure, and only for it", async () => {
      const insecure = new RedfishClient(parseBmcUrl(bmc().url()) as RedfishUrl, site().credentials, { tls: { insecure: true } });
      assert.equal(await insecure.powerState(), "off");
      await insecure.close();
      const verified = new RedfishClient(parseBmcUrl(bmc().url()) as RedfishUrl, site().credentials);
      await assert.rejects(verified.powerState(), (e: unknown) => e instanceof BmcError && e.kind === "tls");
    });
  });

  describe("stalls and resets", () => {
    it("takes a body that stalls as a timeout naming the request, and uses the fallback BMC", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "stall-body" } });
      const r = await power("status", { bmc: bmc().url(), fallback: site().bmcs[0]!.ipmi }, site().credentials, { ...tls(), requestTimeoutMs: 500 });
      assert.equal(r.protocol, "ipmi");
      assert.deepEqual(r.fallbackFrom, { bmc: bmc().url(), error: `BMC [${bmc().url()}] did not answer GET ${SYSTEM} within 0.5 s` });
    });

    it("retries a GET whose connection was reset, at once or after part of the body", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "reset" }, times: 1 });
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "slow-reset", afterMs: 100 }, times: 1 });
      assert.equal(await client().powerState(), "off");
      assert.equal(gets(), 3);
    });

    it("gives up after the bounded retries, naming the attempts", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "reset" } });
      await assert.rejects(client(undefined, { backoffMs: 10 }).powerState(), (e: unknown) => {
        assert.ok(e instanceof BmcError && e.kind === "unreachable", String(e));
        assert.match(
          e.message,
          new RegExp(
            `^BMC \\[${bmc()
              .url()
              .replace(/[.[\]/]/g, "\\$&")}\\] reset the connection during GET ${SYSTEM}: .* \\(after 3 attempts\\)$`,
          ),
        );
        return true;
      });
      assert.equal(gets(), 3);
    });

    it("never re-sends a POST whose connection was reset", async () => {
      bmc().proxy.add({ method: "POST", path: /ComputerSystem\.Reset$/, fault: { kind: "reset" } });
      await assert.rejects(client().requestPower("on"), (e: unknown) => e instanceof BmcError && e.kind === "unreachable");
      assert.equal(bmc().proxy.log.filter((l) => l.method === "POST" && l.path.endsWith("ComputerSystem.Reset")).length, 1);
    });
  });

  describe("5xx and 429", () => {
    it("retries a GET answered 500 with backoff until it succeeds", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "status", status: 500 }, times: 2 });
      assert.equal(await client(undefined, { backoffMs: 10 }).powerState(), "off");
      assert.equal(gets(), 3);
    });

    it("does not retry a POST answered 500 (it may have acted)", async () => {
      bmc().proxy.add({ method: "POST", path: /ComputerSystem\.Reset$/, fault: { kind: "status", status: 500 } });
      await rejectsWith(
        client().requestPower("on"),
        "server",
        `BMC [${bmc().url()}] answered POST ${SYSTEM}/Actions/ComputerSystem.Reset with HTTP 500 Internal Server Error: fault proxy: HTTP 500`,
      );
      assert.equal(bmc().proxy.log.filter((l) => l.method === "POST" && l.path.endsWith("ComputerSystem.Reset")).length, 1);
    });

    it("waits as Retry-After says on 429, even for a POST (the BMC did not act)", async () => {
      bmc().proxy.add({ method: "POST", path: /ComputerSystem\.Reset$/, fault: { kind: "status", status: 429, headers: { "Retry-After": "0" } }, times: 1 });
      await client().requestPower("off");
      assert.equal(bmc().proxy.log.filter((l) => l.method === "POST" && l.path.endsWith("ComputerSystem.Reset")).length, 2);
    });

    it("fails at once when Retry-After asks for longer than it waits", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "status", status: 429, headers: { "Retry-After": "600" } } });
      await rejectsWith(
        client().powerState(),
        "refused",
        `BMC [${bmc().url()}] answered GET ${SYSTEM} with HTTP 429 Too Many Requests: fault proxy: HTTP 429 and asked us to retry after 600 s`,
      );
      assert.equal(gets(), 1);
    });
  });

  describe("redirects", () => {
    let other: Server;
    let otherHits = 0;
    before((done) => {
      other = createServer((_q, res) => {
        otherHits++;
        res.end("{}");
      }).listen(8000, "127.0.26.2", done);
    });
    after((done) => {
      other.closeAllConnections();
      other.close(() => done());
    });

    it("follows a GET redirected on the same origin", async () => {
      bmc().proxy.add({ method: "GET", path: "/redfish/v1/Systems/old", fault: { kind: "redirect", status: 301, location: SYSTEM } });
      const r = await client(bmc().url("old")).get("/redfish/v1/Systems/old");
      assert.equal(r.body.Id, "1");
    });

    it("does not follow a redirect to another origin", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "redirect", status: 302, location: `https://127.0.26.2:8000${SYSTEM}` } });
      await rejectsWith(
        client().powerState(),
        "refused",
        `BMC [${bmc().url()}] answered GET ${SYSTEM} with HTTP 302, a redirect to another origin (https://127.0.26.2:8000); not followed`,
      );
      assert.equal(otherHits, 0);
    });

    it("never follows https to plain http", async () => {
      const port = new URL(bmc().proxy.origin).port;
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "redirect", status: 307, location: `http://127.0.26.200:${port}${SYSTEM}` } });
      await rejectsWith(
        client().powerState(),
        "refused",
        `BMC [${bmc().url()}] answered GET ${SYSTEM} with HTTP 307, a redirect from https to plain http; not followed`,
      );
    });

    it("never re-sends a POST that is redirected, even on the same origin", async () => {
      const reset = `${SYSTEM}/Actions/ComputerSystem.Reset`;
      bmc().proxy.add({ method: "POST", path: reset, fault: { kind: "redirect", status: 307, location: `${reset}2` } });
      await rejectsWith(
        client().requestPower("on"),
        "refused",
        `BMC [${bmc().url()}] answered POST ${reset} with HTTP 307, a redirect; a POST is never re-sent`,
      );
      assert.deepEqual(
        bmc()
          .proxy.log.filter((l) => l.method === "POST" && l.path !== SESSIONS_PATH)
          .map((l) => l.path),
        [reset],
      );
    });
  });

  describe("sessions", () => {
    const sclient = () => new RedfishClient(parseBmcUrl(sessions().url()) as RedfishUrl, site().credentials, { tls: { caBundle: sessions().caBundle } });

    it("uses an X-Auth-Token from the SessionService and deletes the session afterwards", async () => {
      const c = sclient();
      assert.equal(await c.powerState(), "off");
      await c.close();
      const log = sessions().proxy.log;
      assert.deepEqual(
        log.map((l) => l.method),
        ["POST", "GET", "DELETE"],
      );
      assert.equal(log[1]!.headers.authorization, undefined);
      assert.equal(typeof log[1]!.headers["x-auth-token"], "string");
      assert.equal(sessions().proxy.sessions.size, 0);
      assert.equal(sessions().proxy.deletedSessions.length, 1);
    });

    it("opens a new session once when the BMC dropped the old one", async () => {
      const c = sclient();
      await c.powerState();
      sessions().proxy.sessions.clear();
      assert.equal(await c.powerState(), "off");
      await c.close();
      assert.deepEqual(
        sessions().proxy.log.map((l) => `${l.method} ${l.path === SESSIONS_PATH ? "sessions" : l.path}`),
        ["POST sessions", `GET ${SYSTEM}`, `GET ${SYSTEM}`, "POST sessions", `GET ${SYSTEM}`, `DELETE ${sessions().proxy.log.at(-1)!.path}`],
      );
    });

    it("falls back to basic authentication when the BMC offers no SessionService", async () => {
      const c = client();
      await c.powerState();
      await c.close();
      const [login, read] = bmc().proxy.log;
      assert.deepEqual([login!.method, login!.path, read!.method], ["POST", SESSIONS_PATH, "GET"]);
      assert.match(String(read!.headers.authorization), /^Basic /);
    });
  });

  describe("ETags and task monitors", () => {
    const header = useProxy(site, "127.0.26.202", { etags: "header" });
    const odata = useProxy(site, "127.0.26.203", { etags: "odata" });
    const on = (b: typeof header) => new RedfishClient(parseBmcUrl(b().url()) as RedfishUrl, site().credentials, { tls: { caBundle: b().caBundle } });
    const patches = (b: typeof header) => b().proxy.log.filter((l) => l.method === "PATCH");

    for (const [where, proxy] of [
      ["the ETag header", header],
      ["@odata.etag", odata],
    ] as const) {
      it(`sends If-Match with the ETag from ${where} on PATCH`, async () => {
        await on(proxy).setBootOnce("pxe");
        const [patch] = patches(proxy);
        assert.match(String(patch!.headers["if-match"]), /^W\/"[0-9a-f]{16}"$/);
        assert.equal(await on(proxy).bootOverride(), "Pxe");
      });
    }

    it("re-reads the ETag once when the BMC answers 412", async () => {
      header().proxy.add({ method: "PATCH", path: SYSTEM, fault: { kind: "status", status: 412 }, times: 1 });
      await on(header).setBootOnce("disk");
      assert.equal(patches(header).length, 2);
      assert.equal(await on(header).bootOverride(), "Hdd");
    });

    it("polls a task monitor (202 + Location) until the task completes", async () => {
      bmc().proxy.add({ method: "POST", path: /ComputerSystem\.Reset$/, fault: { kind: "task", polls: 2, end: "Completed" } });
      await client().requestPower("off");
      assert.equal(bmc().proxy.log.filter((l) => l.path.startsWith("/redfish/v1/TaskMonitors/")).length, 3);
    });

    it("names the task and the BMC's message when the task fails", async () => {
      bmc().proxy.add({ method: "POST", path: /ComputerSystem\.Reset$/, fault: { kind: "task", polls: 1, end: "Exception" } });
      await assert.rejects(client().requestPower("off"), (e: unknown) => {
        assert.ok(e instanceof BmcError && e.kind === "refused");
        assert.match(
          e.message,
          /^BMC \[.*\] ran POST \/redfish\/v1\/Systems\/1\/Actions\/ComputerSystem\.Reset as task \/redfish\/v1\/TaskMonitors\/[0-9a-f]+, which ended Exception: the BMC could not apply the action$/,
        );
        return true;
      });
    });
  });
});
