/** `gigafactory validate` as a user runs it: every exit code, both formats. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";
import { main } from "../../cli/index";
import { cleanFleets, fleetWith, MINIMAL_FLEET } from "../helpers/fleet-fixture";

const BIN = join(__dirname, "..", "..", "bin", "gigafactory.js");

/** Runs the real executable in a child process. */
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("gigafactory validate", () => {
  after(cleanFleets);

  it("exits 0 on the sample fleet by default: names the fleet, a row per site, the summary line @executable", () => {
    const r = run("validate");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.equal(
      r.stdout,
      [
        "fleet nordic-baltic-gigafactory (inventory/fleets/nordic-baltic)",
        "site       country  GPUs                    racks  nodes  IT kW  renewable",
        "hamina-1   FI       20160 B200                280   5040  36960       100%",
        "kajaani-1  FI       24000 B200                750   3000  44400       100%",
        "riga-1     LV       40320 B200, 16000 H200   1060  12080  95070       100%",
        "valid; 3 sites, 2090 racks, 20120 nodes, 100480 accelerators, 176430 kW IT power",
        "",
      ].join("\n"),
    );
  });

  it("shows a site's renewable share as the policies count it", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "technology: wind", "technology: nuclear");
    const r = await main(["validate", "--inventory", dir]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout.split("\n")[2], "tst-1  LV       32 H200      2      4     42        40%");
  });

  it("prints the JSON form @executable", () => {
    const r = run("validate", "--inventory", MINIMAL_FLEET, "--format", "json");
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      valid: true,
      fleet: { name: "minimal", dir: "test/fixtures/fleets/minimal" },
      errors: [],
      sites: [{ id: "tst-1", country: "LV", gpus: { H200: 32 }, racks: 2, nodes: 4, itPowerKW: 42, renewableShare: 1 }],
      summary: { sites: 1, racks: 2, nodes: 4, accelerators: 32, itPowerKW: 42 },
    });
  });

  it("exits 1 on invalid input, every problem with its location, then the summary", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "technology: wind", "technology: coal");
    const r = await main(["validate", "--inventory", dir]);
    assert.equal(r.exitCode, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.equal(lines[0], `fleet in ${relative(process.cwd(), dir)}`);
    assert.match(lines[1]!, /sites\/tst-1\.yaml:14:19: energy\.supply\[0\]\.technology: must be one of: wind, /);
    assert.equal(lines[2], "invalid: 1 problem; 0 sites, 0 racks, 0 nodes, 0 accelerators, 0 kW IT power");
  });

  it("exits 1 with the JSON form on invalid input @executable", () => {
    const dir = fleetWith("sites/tst-1.yaml", "gpuQuota: 8, group", "gpuQuota: 9, group");
    const r = run("validate", "--inventory", dir, "--format", "json");
    assert.equal(r.status, 1);
    const body = JSON.parse(r.stdout);
    assert.equal(body.valid, false);
    assert.deepEqual(body.errors, [
      {
        file: relative(process.cwd(), join(dir, "sites", "tst-1.yaml")),
        line: 57,
        column: 76,
        path: "tenants[1].gpuQuota",
        message: "tenant [acme] has a quota of 9 GPUs but its pools hold 8",
      },
    ]);
    assert.equal(body.summary.nodes, 4);
  });

  it("exits 1 when the directory holds no fleet", async () => {
    const r = await main(["validate", "--inventory", join(MINIMAL_FLEET, "sites")]);
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /fleet\.yaml:1:1: \(document\): no fleet\.yaml in /);
  });

  it("exits 2 on an unknown format @executable", () => {
    const r = run("validate", "--format", "xml");
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `error: option '--format <format>' argument 'xml' is invalid. format must be one of: text, json (got "xml")\n`);
  });

  it("exits 2 on an unknown option or command", async () => {
    assert.equal((await main(["validate", "--bogus"])).exitCode, 2);
    assert.equal((await main(["frobnicate"])).exitCode, 2);
    assert.equal((await main([])).exitCode, 2);
  });

  it("exits 0 for --help", async () => {
    const r = await main(["validate", "--help"]);
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /--inventory <dir>/);
  });
});
