/** What every command shares: --version, --help, and one exit code per meaning (cli/exit-codes.ts). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { COMMANDS, main } from "../../cli/index";
import { ExitCode } from "../../cli/exit-codes";
import { UsageError } from "../../cli/usage-error";
import { cleanFleets, copyFleet, fleetWith } from "../helpers/fleet-fixture";
import { gigafactory, ROOT } from "../helpers/gigafactory";

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A command that fails the way a bug does. */
const boom = () =>
  new Command("boom").action(() => {
    throw new TypeError("Cannot read properties of undefined (reading 'racks')\n    at somewhere");
  });

describe("gigafactory (every command)", () => {
  after(cleanFleets);

  it("--version prints the package version, from the compiled build without a note @executable", () => {
    const r = gigafactory(["--version"]);
    assert.deepEqual(r, { status: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("--help lists the commands with examples and the exit codes, and no path of this machine", async () => {
    for (const argv of [["--help"], ...["validate", "audit", "stacks", "bmc"].map((c) => [c, "--help"]), ["bmc", "power", "--help"]]) {
      const r = await main(argv);
      assert.equal(r.exitCode, ExitCode.Ok, argv.join(" "));
      assert.ok(!r.stdout.includes(ROOT), `${argv.join(" ")} prints ${ROOT}:\n${r.stdout}`);
      assert.ok(!r.stdout.includes("/tmp"), r.stdout);
    }
    const top = (await main(["--help"])).stdout;
    assert.match(top, /Examples:\n {2}\$ npx gigafactory validate /);
    assert.match(
      top,
      /Exit codes \(every command\): 0 success, 1 findings \(invalid inventory, mandatory violations, drift\),\n2 usage, 3 internal error \(a bug; --debug prints the stack trace\), 4 a device \(BMC\) failed\./,
    );
    const validate = (await main(["validate", "--help"])).stdout;
    assert.match(validate, /--inventory <dir> +fleet directory \(fleet\.yaml and sites\/\) \(default:\s+inventory\/fleets\/nordic-baltic\)/);
    assert.match((await main(["stacks", "--help"])).stdout, /--out <dir> +where the stack files go \(default: stacks\)/);
  });

  it("an invalid inventory exits 1 in every command that reads one", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "technology: wind", "technology: coal");
    for (const argv of [["validate"], ["audit"], ["report", "eed"], ["stacks", "--check"], ["stacks", "--out", join(dir, "stacks")]]) {
      const r = await main([...argv, "--inventory", dir]);
      assert.equal(r.exitCode, ExitCode.Findings, `${argv.join(" ")}: ${r.stderr}`);
      assert.match(`${r.stdout}${r.stderr}`, /sites\/tst-1\.yaml:14:19: energy\.supply\[0\]\.technology: must be one of: wind, /, argv.join(" "));
    }
  });

  it("usage errors exit 2 in every command; no command at all prints the help to stderr", async () => {
    const none = await main([]);
    assert.equal(none.exitCode, ExitCode.Usage);
    assert.match(none.stderr ?? "", /^Usage: gigafactory \[options\] \[command\]\n/);
    for (const argv of [
      ["frobnicate"],
      ["validate", "--bogus"],
      ["audit", "--format", "xml"],
      ["report", "eed", "--format", "xml"],
      ["report", "nothing"],
      ["stacks", "--inventory"],
      ["bmc", "power", "on"],
    ]) {
      const r = await main(argv);
      assert.equal(r.exitCode, ExitCode.Usage, argv.join(" "));
      assert.match(r.stderr ?? "", /^error: /, argv.join(" "));
    }
  });

  it("a UsageError a command throws after parsing exits 2 with its message", async () => {
    const strict = () =>
      new Command("strict").action(() => {
        throw new UsageError("--site needs --fleet");
      });
    assert.deepEqual(await main(["strict"], [...COMMANDS, strict]), { exitCode: 2, stdout: "", stderr: "error: --site needs --fleet\n" });
  });

  it("an internal error exits 3 with one line, never disguised as a usage error", async () => {
    const r = await main(["boom"], [...COMMANDS, boom]);
    assert.deepEqual(r, {
      exitCode: 3,
      stdout: "",
      stderr:
        "internal error: Cannot read properties of undefined (reading 'racks'); this is a bug in gigafactory (run again with --debug for the stack trace)\n",
    });
  });

  it("--debug adds the stack trace of an internal error, wherever it stands", async () => {
    for (const argv of [
      ["--debug", "boom"],
      ["boom", "--debug"],
    ]) {
      const r = await main(argv, [...COMMANDS, boom]);
      assert.equal(r.exitCode, 3);
      const lines = (r.stderr ?? "").split("\n");
      assert.equal(lines[0], "internal error: Cannot read properties of undefined (reading 'racks'); this is a bug in gigafactory");
      assert.equal(lines[1], "TypeError: Cannot read properties of undefined (reading 'racks')");
      assert.match(r.stderr ?? "", /\n {4}at .*index\.test\.ts/);
    }
  });

  it("an unwritable --out is a usage error, not an internal one", async () => {
    const dir = copyFleet();
    const blocked = join(dir, "fleet.yaml", "stacks");
    const r = await main(["stacks", "--inventory", dir, "--out", blocked]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr ?? "", /^error: cannot write the stack files to .*fleet\.yaml\/stacks: ENOTDIR/);
  });
});
