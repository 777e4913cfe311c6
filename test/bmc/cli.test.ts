/**
 * `gigafactory bmc` as the lab's Pulumi commands run it: the real executable, credentials in the
 * environment, simulated BMCs on 127.0.23.0/24. Exit codes: 0 done, 1 the BMC failed, 2 usage.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { main } from "../../cli/index";
import { usePeers } from "./peers";

const BIN = join(__dirname, "..", "..", "bin", "gigafactory.js");

/** Runs the real executable with only PATH and the given variables in its environment. */
function gigafactory(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process: for a peer that calls back into a server of the test (an image server). */
function gigafactoryAsync(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("gigafactory bmc @peers", () => {
  const site = usePeers("127.0.23", 1);
  const redfish = () => site().bmcs[0]!.redfish;
  const ipmi = () => site().bmcs[0]!.ipmi;
  const env = () => ({ BMC_USERNAME: site().credentials.username, BMC_PASSWORD: site().credentials.password });
  /** Asserts the password appears in nothing the command printed. */
  const leaksNothing = (r: { stdout: string; stderr: string }) => {
    assert.ok(!r.stdout.includes(site().credentials.password) && !r.stderr.includes(site().credentials.password), "the password was printed");
  };

  it("exits 0 and prints one JSON line with the power state", () => {
    const r = gigafactory(env(), "bmc", "power", "status", "--bmc", redfish());
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, `${JSON.stringify({ bmc: redfish(), protocol: "redfish", action: "status", before: "off", after: "off", changed: false })}\n`);
    leaksNothing(r);
  });

  it("exits 0 when it powers on through the IPMI fallback, and says so", () => {
    const closed = "redfish+http://127.0.23.1:8001/redfish/v1/Systems/1";
    const r = gigafactory(env(), "bmc", "power", "on", "--bmc", closed, "--fallback", ipmi());
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
    assert.deepEqual([result.protocol, result.before, result.after, result.changed, result.fallbackFrom.bmc], ["ipmi", "off", "on", true, closed]);
  });

  it("exits 0 when it sets the next boot device", () => {
    const r = gigafactory(env(), "bmc", "boot", "pxe", "--bmc", ipmi());
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { bmc: ipmi(), protocol: "ipmi", device: "pxe", before: "No override", after: "Force PXE", changed: true });
  });

  describe("boot sources", () => {
    // The role's image, as a boot server would serve it; sushy-emulator downloads what it inserts.
    const IMAGE = "http://127.0.23.250:8080/images/gpu-worker.iso";
    let images: Server;
    before((done) => {
      images = createServer((_q, res) => res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(Buffer.alloc(2048))).listen(
        8080,
        "127.0.23.250",
        done,
      );
    });
    after((done) => {
      images.closeAllConnections();
      images.close(() => done());
    });

    it("exits 0 when it inserts an image as virtual media and boots from it once; a second run changes nothing", async () => {
      // sushy-emulator downloads the image from this process's server while the command waits, so the command runs without blocking.
      const first = await gigafactoryAsync(env(), "bmc", "boot", "--virtual-media", IMAGE, "--bmc", redfish());
      assert.equal(first.status, 0, first.stderr);
      assert.deepEqual(JSON.parse(first.stdout), { bmc: redfish(), protocol: "redfish", source: "virtual-media", changed: true, mode: "uefi" });
      const second = await gigafactoryAsync(env(), "bmc", "boot", "--virtual-media", IMAGE, "--bmc", redfish());
      assert.equal(second.status, 0, second.stderr);
      assert.equal(JSON.parse(second.stdout).changed, false);
      leaksNothing(first);
    });

    it("exits 0 when it asks for UEFI HTTP boot", () => {
      const r = gigafactory(env(), "bmc", "boot", "--uefi-http", "--bmc", redfish());
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { bmc: redfish(), protocol: "redfish", source: "uefi-http", changed: true, mode: "uefi" });
    });

    it("exits 4 when an IPMI BMC is asked for virtual media, naming the BMC", () => {
      const r = gigafactory(env(), "bmc", "boot", "--virtual-media", IMAGE, "--bmc", ipmi());
      assert.equal(r.status, 4);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, `error: BMC [${ipmi()}] cannot boot from virtual-media over IPMI (only pxe); give the node a Redfish BMC for it\n`);
    });
  });

  it("exits 4 (a device failed) with the BMC's error when the BMC rejects the credentials", () => {
    const r = gigafactory({ ...env(), BMC_PASSWORD: "not-the-password" }, "bmc", "power", "on", "--bmc", redfish());
    assert.equal(r.status, 4);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      "error: BMC [redfish+http://127.0.23.1:8000/redfish/v1/Systems/1] rejected the credentials on POST /redfish/v1/SessionService/Sessions (HTTP 401 Unauthorized: Incorrect username or password)\n",
    );
  });

  it("exits 2 when BMC_USERNAME is missing, naming the variable", () => {
    const r = gigafactory({ BMC_PASSWORD: site().credentials.password }, "bmc", "power", "on", "--bmc", redfish());
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "error: BMC_USERNAME is not set; BMC credentials come only from the environment (BMC_USERNAME, BMC_PASSWORD)\n");
    leaksNothing(r);
  });

  it("exits 2 when credentials are written into the URL, without echoing them", () => {
    const r = gigafactory(env(), "bmc", "power", "on", "--bmc", `redfish+http://admin:${site().credentials.password}@127.0.23.1:8000/redfish/v1/Systems/1`);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      "error: BMC address [redfish+http://***@127.0.23.1:8000/redfish/v1/Systems/1] should not carry credentials; set BMC_USERNAME and BMC_PASSWORD instead\n",
    );
    leaksNothing(r);
  });

  describe("usage errors, in process", () => {
    const cases: [string, string[], RegExp][] = [
      ["an unknown power action", ["bmc", "power", "cycle", "--bmc", "ipmi://127.0.23.1"], /argument 'action'\. Allowed choices are on, off, status\./],
      ["an unknown boot device", ["bmc", "boot", "usb", "--bmc", "ipmi://127.0.23.1"], /argument 'device'\. Allowed choices are pxe, disk\./],
      [
        "a boot with nothing to boot from",
        ["bmc", "boot", "--bmc", "ipmi://127.0.23.1"],
        /^error: say what to boot from: a device \(pxe \| disk\), --virtual-media URL or --uefi-http \[URL\]\n$/,
      ],
      [
        "a boot from two sources",
        ["bmc", "boot", "pxe", "--virtual-media", "https://images.example/x.iso", "--bmc", "ipmi://127.0.23.1"],
        /^error: boot from one source at a time, not pxe and --virtual-media\n$/,
      ],
      [
        "a virtual-media image that is not http(s)",
        ["bmc", "boot", "--virtual-media", "ftp://images.example/x.iso", "--bmc", "ipmi://127.0.23.1"],
        /^error: --virtual-media: "ftp:\/\/images\.example\/x\.iso" should be an https:\/\/ or http:\/\/ URL, not ftp:\/\/\n$/,
      ],
      ["a missing --bmc", ["bmc", "power", "on"], /required option '--bmc <url>' not specified/],
      ["a password flag", ["bmc", "power", "on", "--bmc", "ipmi://127.0.23.1", "--password", "x"], /unknown option '--password'/],
      ["a bad --wait", ["bmc", "power", "on", "--bmc", "ipmi://127.0.23.1", "--wait", "soon"], /must be a positive number of seconds \(got "soon"\)/],
      ["a bad URL", ["bmc", "power", "on", "--bmc", "ftp://127.0.23.1"], /BMC address \[ftp:\/\/127\.0\.23\.1\] has the unsupported scheme "ftp"/],
      ["no subcommand", ["bmc"], /Usage: gigafactory bmc/],
    ];
    for (const [what, argv, message] of cases) {
      it(`exits 2 on ${what}`, async () => {
        const r = await main(argv);
        assert.equal(r.exitCode, 2);
        assert.equal(r.stdout, "");
        assert.match(r.stderr ?? "", message);
      });
    }

    it("exits 0 for --help, which says where the credentials come from", async () => {
      const r = await main(["bmc", "--help"]);
      assert.equal(r.exitCode, 0);
      assert.match(r.stdout, /credentials from\s+BMC_USERNAME and BMC_PASSWORD/);
    });
  });
});
