/**
 * Inspection against real peers on 127.0.27.0/24: sushy-emulator over HTTPS (lab CA) serving the
 * system as `System.Embedded.1`, the HGX H200 fixture (test/fixtures/redfish/) added by the fault
 * proxy for what sushy lacks (GPUs, memory, PCIe, rail ports), and ipmi_sim's FRU as the fallback.
 * Then `gigafactory bmc inspect` as a user runs it, and a search of everything recorded for secrets.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { BmcError } from "../../bmc/bmc";
import { inspect, type HardwareFacts } from "../../bmc/provisioning";
import { compareWithBlueprint } from "../../model/baremetal/blueprint-match";
import { fixtureMac, HGX_H200, serveHgx } from "../fixtures/redfish/hgx-h200";
import { usePeers } from "./peers";
import { useProxy } from "./proxy";

const BIN = join(__dirname, "..", "..", "bin", "gigafactory.js");
const SYSTEM = "/redfish/v1/Systems/System.Embedded.1";
const BLUEPRINT = { id: "hgx-h200", accelerator: { model: "H200", count: 8 }, rails: 8, railSpeedGbps: 400, storagePorts: 2, memoryGiB: 2048 };

/** Runs the real executable without blocking this process (the fault proxy answers from it). */
async function gigafactory(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, env: { PATH: process.env.PATH ?? "", ...env } });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { status: x.code ?? -1, stdout: x.stdout ?? "", stderr: x.stderr ?? "" };
  }
}

describe("inspection @peers", () => {
  const site = usePeers("127.0.27", 1, [], { https: true, systemId: "System.Embedded.1", ports: 1 });
  const bmc = useProxy(site, "127.0.27.200");
  const sessions = useProxy(site, "127.0.27.201", { sessions: true });
  const tls = () => ({ tls: { caBundle: bmc().caBundle } });
  const caFile = () => site().ca!.caFile;
  const env = () => ({ BMC_USERNAME: site().credentials.username, BMC_PASSWORD: site().credentials.password });
  /** Everything recorded in this suite, searched for secrets at the end. */
  const recorded: string[] = [];

  const expected = (url: string): HardwareFacts => ({
    bmc: url,
    source: "redfish",
    systemId: "System.Embedded.1",
    manufacturer: "Sushy Emulator",
    model: "HGX H200 8-GPU",
    serialNumber: "SN-HGX-0001",
    uuid: "System.Embedded.1",
    powerState: "off",
    cpus: { count: 2, model: "Intel Xeon Platinum 8480+" },
    memoryGiB: 2048,
    accelerators: Array.from({ length: 8 }, (_, i) => ({ id: `GPU_SXM_${i + 1}`, model: "NVIDIA H200" })),
    nics: [
      { id: "52:54:00:7f:1b:01", mac: "52:54:00:7f:1b:01" },
      ...Array.from({ length: 8 }, (_, i) => ({ id: `Rail.${i + 1}`, mac: fixtureMac("rail", i + 1), speedGbps: 400 })),
      ...[1, 2].map((n) => ({ id: `Storage.${n}`, mac: fixtureMac("storage", n), speedGbps: 200 })),
    ],
    chassis: { id: "15693887-7984-9484-3272-842188918912", model: "3500RX", serialNumber: "437XR1138R2" },
    bootModes: ["uefi"],
    virtualMedia: true,
  });

  it("follows the links from /redfish/v1/Systems to every fact, the system named System.Embedded.1", async () => {
    serveHgx(bmc().proxy, SYSTEM);
    assert.deepEqual(await inspect({ bmc: bmc().url() }, site().credentials, tls()), expected(bmc().url()));
    assert.ok(bmc().proxy.log.some((l) => l.path === "/redfish/v1/Systems"));
  });

  it("finds the BMC's only system when the URL names another id", async () => {
    serveHgx(bmc().proxy, SYSTEM);
    const facts = await inspect({ bmc: bmc().url("1") }, site().credentials, tls());
    assert.equal(facts.systemId, "System.Embedded.1");
    assert.equal(facts.accelerators?.length, 8);
  });

  it("reads what sushy-emulator alone serves: no GPUs listed, memory not reported (its Memory link answers 404)", async () => {
    const facts = await inspect({ bmc: bmc().url() }, site().credentials, tls());
    assert.equal(facts.accelerators, undefined);
    assert.equal(facts.memoryGiB, undefined);
    assert.deepEqual(facts.nics, [{ id: "52:54:00:7f:1b:01", mac: "52:54:00:7f:1b:01" }]);
  });

  it("matches the blueprint, and names each difference of a node that does not", async () => {
    serveHgx(bmc().proxy, SYSTEM);
    const good = await inspect({ bmc: bmc().url() }, site().credentials, tls());
    assert.deepEqual(compareWithBlueprint(good, BLUEPRINT), { differences: [], unverified: [] });
    bmc().proxy.reset();
    serveHgx(bmc().proxy, SYSTEM, { ...HGX_H200, gpus: 7, memoryGiB: 1536, railPorts: 7 });
    const bad = await inspect({ bmc: bmc().url() }, site().credentials, tls());
    assert.deepEqual(compareWithBlueprint(bad, BLUEPRINT).differences, [
      `blueprint hgx-h200 expects 8 H200 GPUs; the BMC [${bmc().url()}] reports 7`,
      `blueprint hgx-h200 expects 2048 GiB of memory; the BMC [${bmc().url()}] reports 1536 GiB`,
      `blueprint hgx-h200 expects 8 rail ports of 400 Gb/s; the BMC [${bmc().url()}] reports 7`,
    ]);
  });

  it("falls back to IPMI FRU when Redfish does not answer", async () => {
    const closed = "redfish://127.0.27.1:8001/redfish/v1/Systems/System.Embedded.1";
    const facts = await inspect({ bmc: closed, fallback: site().bmcs[0]!.ipmi }, site().credentials, tls());
    assert.deepEqual(facts, {
      bmc: site().bmcs[0]!.ipmi,
      source: "ipmi",
      manufacturer: "Gigafactory Lab",
      model: "Simulated HGX node",
      serialNumber: "LABSN-27-1",
      chassis: { id: "0", model: "LAB-CHASSIS-4U", serialNumber: "LABCH-27-1" },
      powerState: "off",
      fallbackFrom: { bmc: closed, error: `BMC [${closed}] is unreachable: connect ECONNREFUSED 127.0.27.1:8001` },
    });
  });

  describe("gigafactory bmc inspect", () => {
    it("prints the facts as JSON with --format json, trusting the CA given for this BMC", async () => {
      serveHgx(bmc().proxy, SYSTEM);
      const r = await gigafactory(env(), "bmc", "inspect", "--bmc", bmc().url(), "--ca-bundle", caFile(), "--format", "json");
      recorded.push(r.stdout, r.stderr);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), expected(bmc().url()));
    });

    it("prints one fact a line as text, the default", async () => {
      const r = await gigafactory(env(), "bmc", "inspect", "--bmc", site().bmcs[0]!.ipmi);
      recorded.push(r.stdout, r.stderr);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(
        r.stdout,
        [
          `BMC           ${site().bmcs[0]!.ipmi} (ipmi)`,
          "system        Gigafactory Lab  Simulated HGX node",
          "serial        LABSN-27-1",
          "UUID          not reported",
          "power         off",
          "CPUs          not reported",
          "memory        not reported",
          "GPUs          not reported",
          "NICs          not reported",
          "chassis       0  LAB-CHASSIS-4U  LABCH-27-1",
          "boot modes    not reported",
          "virtual media not reported",
          "",
        ].join("\n"),
      );
    });

    it("exits 4 naming the BMC and the handshake when the BMC's CA was not given", async () => {
      const r = await gigafactory(env(), "bmc", "inspect", "--bmc", bmc().url());
      recorded.push(r.stdout, r.stderr);
      assert.equal(r.status, 4);
      assert.equal(
        r.stderr,
        `error: BMC [${bmc().url()}] failed the TLS handshake on POST /redfish/v1/SessionService/Sessions: unable to verify the first certificate\n`,
      );
    });

    it("exits 2 on an unreadable CA bundle, or a CA bundle together with --insecure", async () => {
      const missing = await gigafactory(env(), "bmc", "inspect", "--bmc", bmc().url(), "--ca-bundle", "/nonexistent/ca.pem");
      assert.equal(missing.status, 2);
      assert.equal(missing.stderr, "error: --ca-bundle /nonexistent/ca.pem cannot be read: ENOENT\n");
      const both = await gigafactory(env(), "bmc", "inspect", "--bmc", bmc().url(), "--ca-bundle", caFile(), "--insecure");
      assert.equal(both.status, 2);
      assert.match(both.stderr, /--ca-bundle and --insecure exclude each other/);
    });
  });

  describe("no secret in anything recorded", () => {
    it("scrubs a BMC that echoes the Authorization header", async () => {
      bmc().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "echo-auth" } });
      const r = await gigafactory(env(), "bmc", "power", "status", "--bmc", bmc().url(), "--ca-bundle", caFile());
      recorded.push(r.stdout, r.stderr);
      assert.equal(r.status, 4);
      assert.equal(
        r.stderr,
        `error: BMC [${bmc().url()}] rejected the credentials on GET ${SYSTEM} (HTTP 401 Unauthorized: denied; you sent Authorization: *** X-Auth-Token: )\n`,
      );
    });

    it("scrubs a session token a BMC echoes in a server error", async () => {
      sessions().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "echo-auth" } });
      await assert.rejects(inspect({ bmc: sessions().url() }, site().credentials, tls()), (e: unknown) => {
        assert.ok(e instanceof BmcError);
        recorded.push(e.message);
        assert.match(e.message, /X-Auth-Token: \*\*\*/);
        return true;
      });
      sessions().proxy.add({ method: "GET", path: SYSTEM, fault: { kind: "echo-auth", status: 500 } });
      await assert.rejects(inspect({ bmc: sessions().url() }, site().credentials, { ...tls(), requestTimeoutMs: 2000 }), (e: unknown) => {
        assert.ok(e instanceof BmcError && e.kind === "server", String(e));
        assert.match(e.message, /X-Auth-Token: \*\*\* \(after 3 attempts\)$/);
        recorded.push(e.message);
        return true;
      });
    });

    it("finds neither the password, nor the basic credentials, nor any session token in what was recorded", () => {
      const { username, password } = site().credentials;
      const secrets = [password, Buffer.from(`${username}:${password}`).toString("base64"), ...sessions().proxy.issuedTokens];
      assert.ok(
        recorded.length >= 8 && sessions().proxy.issuedTokens.length >= 2,
        `recorded ${recorded.length} texts, ${sessions().proxy.issuedTokens.length} tokens`,
      );
      for (const text of recorded) for (const s of secrets) assert.ok(!text.includes(s), `a secret appears in: ${text.slice(0, 200)}`);
    });
  });
});
