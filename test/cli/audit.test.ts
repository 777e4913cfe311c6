/** `gigafactory audit` as a user runs it: exit codes, every format, `--out`, located violations. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { main } from "../../cli/index";
import { cleanFleets, fleetWith, MINIMAL_FLEET } from "../helpers/fleet-fixture";
import { ICELAND_FLEET } from "../helpers/fleet-fixture";

const BIN = join(__dirname, "..", "..", "bin", "gigafactory.js");
const ICELAND = ICELAND_FLEET;
const KEF = relative(process.cwd(), join(ICELAND, "sites", "kef-1.yaml"));

const JURISDICTION = "site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU";
const RESIDENCY = "storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU";

describe("gigafactory audit", () => {
  let out: string;
  before(() => {
    out = mkdtempSync(join(tmpdir(), "gigafactory-audit-"));
  });
  after(() => {
    cleanFleets();
    rmSync(out, { recursive: true, force: true });
  });

  it("exits 0 on the compliant fixture, with its KPI sheet and evidence", async () => {
    const r = await main(["audit", "--inventory", MINIMAL_FLEET]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "site tst-1 (LV): renewable 100%, PUE 1.25 (design 1.2), WUE 0.125 L/kWh, ERF 0.2, REF 1, IT power 42 kW, EU reporting: no",
        "  supply[0] ppa wind 600 MWh: counted 600 MWh; AST LV-GO-1",
        "  supply[1] onsite solar 400 MWh: counted 400 MWh",
        "compliant: 0 mandatory, 0 advisory violations; 1 site audited in eu mode",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 on the Nordic-Baltic sample by default", async () => {
    const r = await main(["audit"]);
    assert.equal(r.exitCode, 0, r.stdout);
    assert.match(r.stdout, /\ncompliant: 0 mandatory, 0 advisory violations; 3 sites audited in eu mode\n$/);
  });

  it("exits 1 on the Icelandic sample, each violation at its file and line (the real executable) @executable", async () => {
    const r = spawnSync(process.execPath, [BIN, "audit", "--inventory", ICELAND], { encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split("\n");
    assert.deepEqual(lines.slice(0, 2), [`${KEF}:3:10: mandatory eu-jurisdiction: ${JURISDICTION}`, `${KEF}:74:16: mandatory data-residency: ${RESIDENCY}`]);
    assert.equal(lines.at(-2), "not compliant: 2 mandatory, 0 advisory violations; 1 site audited in eu mode");
  });

  it("exits 0 on the Icelandic sample in eea mode", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--mode", "eea"]);
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /\ncompliant: 0 mandatory, 0 advisory violations; 1 site audited in eea mode\n$/);
  });

  it("prints the JSON form", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--format", "json"]);
    assert.equal(r.exitCode, 1);
    const body = JSON.parse(r.stdout);
    assert.equal(body.compliant, false);
    assert.deepEqual(body.violations, [
      {
        policy: "eu-jurisdiction",
        enforcementLevel: "mandatory",
        subject: "site [kef-1]",
        message: JURISDICTION,
        file: KEF,
        line: 3,
        column: 10,
        sites: ["kef-1"],
      },
      {
        policy: "data-residency",
        enforcementLevel: "mandatory",
        subject: "storage [kef-nfs] of site [kef-1]",
        message: RESIDENCY,
        file: KEF,
        line: 74,
        column: 16,
        sites: ["kef-1"],
      },
    ]);
    assert.equal(body.sites.length, 1);
    const [site] = body.sites;
    assert.deepEqual(
      [site.id, site.country, site.renewableShare, site.kpis.pue, site.kpis.wue, site.kpis.ref, site.kpis.reportingObligation],
      ["kef-1", "IS", 1, 1.1024, null, 1, false],
    );
    assert.deepEqual(
      site.renewableEvidence.map((e: { certificates: string[]; countedMWh: number }) => [e.certificates, e.countedMWh]),
      [
        [["IS-GO-2027-G-000912"], 9000],
        [["IS-GO-2027-H-003310"], 5000],
      ],
    );
  });

  it("prints SARIF 2.1.0 whose results point at the inventory line", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--format", "sarif"]);
    assert.equal(r.exitCode, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
    const [run] = sarif.runs;
    assert.deepEqual(
      run.tool.driver.rules.map((rule: { id: string }) => rule.id),
      [
        "eu-jurisdiction",
        "renewable-power",
        "energy-efficiency",
        "rack-power-capacity",
        "data-residency",
        "out-of-band-isolation",
        "gpu-quota",
        "bmc-tls-verified",
        "tenant-isolation",
        "no-plaintext-secrets",
      ],
    );
    assert.equal(run.results.length, 2);
    const [first] = run.results;
    assert.deepEqual(
      { ruleId: first.ruleId, ruleIndex: first.ruleIndex, level: first.level, text: first.message.text, location: first.locations[0].physicalLocation },
      {
        ruleId: "eu-jurisdiction",
        ruleIndex: 0,
        level: "error",
        text: JURISDICTION,
        location: { artifactLocation: { uri: KEF, uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 10 } },
      },
    );
    assert.match(first.partialFingerprints["gigafactoryViolation/v1"], /^[0-9a-f]{32}$/);
  });

  it("prints JUnit XML: a suite per policy, a case per site, failures for violations", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--format", "junit"]);
    assert.equal(r.exitCode, 1);
    assert.match(
      r.stdout,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="gigafactory audit: iceland-legacy \(eu\)" tests="10" failures="2" errors="0" skipped="2">\n/,
    );
    assert.equal((r.stdout.match(/<testsuite /g) ?? []).length, 10);
    assert.ok(
      r.stdout.includes(
        `  <testsuite name="eu-jurisdiction" tests="1" failures="1" errors="0" skipped="0">\n    <testcase classname="eu-jurisdiction" name="kef-1" file="${KEF}">\n      <failure type="mandatory" message="${JURISDICTION}">${KEF}:3:10: mandatory: ${JURISDICTION}</failure>\n    </testcase>\n  </testsuite>`,
      ),
      r.stdout,
    );
    assert.match(
      r.stdout,
      /<testsuite name="tenant-isolation" tests="1" failures="0" errors="0" skipped="1">\n {4}<testcase [^>]*>\n {6}<skipped message="judged on resource inputs/,
    );
  });

  it("prints Markdown for a pull-request comment", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--format", "markdown"]);
    assert.equal(r.exitCode, 1);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "## ❌ Gigafactory audit: 2 mandatory violations");
    assert.ok(lines.includes(`| mandatory | \`eu-jurisdiction\` | site [kef-1] | ${JURISDICTION} | \`${KEF}:3\` |`), r.stdout);
    assert.ok(lines.includes("| kef-1 | IS | 100% | 1.1024 | 1.1 | – | – | 1 | 171.2 kW | no |"), r.stdout);
    assert.ok(lines.includes("<details><summary>Renewable evidence of kef-1: 100% of 14000 MWh</summary>"));
  });

  it("writes the report to --out instead of stdout", async () => {
    const file = join(out, "audit.sarif");
    const r = await main(["audit", "--inventory", ICELAND, "--format", "sarif", "--out", file]);
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout, `not compliant: 2 mandatory, 0 advisory violations; 1 site audited in eu mode; sarif report written to ${file}\n`);
    assert.equal(readFileSync(file, "utf8"), (await main(["audit", "--inventory", ICELAND, "--format", "sarif"])).stdout);
  });

  it("exits 0 on an advisory violation, located at its line", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "designPue: 1.2", "designPue: 1.45");
    const r = await main(["audit", "--inventory", dir]);
    assert.equal(r.exitCode, 0);
    const file = relative(process.cwd(), join(dir, "sites", "tst-1.yaml"));
    assert.equal(
      r.stdout.split("\n")[0],
      `${file}:22:14: advisory energy-efficiency: site [tst-1] should have a design PUE of at most 1.3; its design PUE is 1.45`,
    );
    assert.match(r.stdout, /\ncompliant: 0 mandatory, 1 advisory violation; 1 site audited in eu mode\n$/);
  });

  it("exits 1 on a backup outside the Union, located at its line", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "backups: [{ country: FI }]", "backups: [{ country: CH }]");
    const r = await main(["audit", "--inventory", dir]);
    assert.equal(r.exitCode, 1);
    const file = relative(process.cwd(), join(dir, "sites", "tst-1.yaml"));
    assert.equal(
      r.stdout.split("\n")[0],
      `${file}:70:15: mandatory data-residency: storage [tst-nfs] of site [tst-1] should keep backups[0] inside EU jurisdiction; country CH is neither EU nor EEA`,
    );
  });

  it("exits 1 on an invalid inventory, printing the loader's errors", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "technology: wind", "technology: coal");
    const r = await main(["audit", "--inventory", dir]);
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout, "");
    const lines = (r.stderr ?? "").trimEnd().split("\n");
    assert.match(lines[0]!, /sites\/tst-1\.yaml:14:19: energy\.supply\[0\]\.technology: must be one of: wind, /);
    assert.equal(lines[1], "invalid inventory: 1 problem; nothing audited");
  });

  it("exits 2 on a bad mode, format or output file", async () => {
    const mode = await main(["audit", "--mode", "global"]);
    assert.deepEqual(
      [mode.exitCode, mode.stderr],
      [2, `error: option '--mode <mode>' argument 'global' is invalid. mode must be one of: eu, eea (got "global")\n`],
    );
    const format = await main(["audit", "--format", "xml"]);
    assert.deepEqual(
      [format.exitCode, format.stderr],
      [2, `error: option '--format <format>' argument 'xml' is invalid. format must be one of: text, json, markdown, sarif, junit (got "xml")\n`],
    );
    const file = await main(["audit", "--inventory", MINIMAL_FLEET, "--out", join(out, "missing", "report.txt")]);
    assert.equal(file.exitCode, 2);
    assert.match(file.stderr ?? "", /^error: cannot write the report to .*report\.txt: ENOENT/);
  });
});
