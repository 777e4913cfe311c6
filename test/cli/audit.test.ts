/** `gigafactory audit` as a user runs it: exit codes, every format, `--out`, located violations. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { main } from "../../cli/index";
import { cleanFleets, copyFleet, edit, fleetWith, MINIMAL_FLEET, NORDIC_FLEET } from "../helpers/fleet-fixture";
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
        "thresholds: renewable ≥ 100% (REF), PUE ≤ 1.3 (design and measured), EU reporting from 500 kW IT power, heat reuse from 1000 kW",
        "site tst-1 (LV), period 2027: renewable 100%, PUE 1.25 (design 1.2), WUE 0.125 L/kWh, ERF 0.2, REF 1, IT power 42 kW, EU reporting: no",
        "  supply[0] ppa wind 240 MWh: counted 240 MWh; AST LV-GO-1",
        "  supply[1] onsite solar 160 MWh: counted 160 MWh",
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
    assert.ok(
      r.stdout.includes(
        "site kef-1 (IS), period 2027: renewable 100%, PUE 1.12 (design 1.1), WUE missing, ERF missing, REF 1, IT power 171.2 kW, EU reporting: no, missing figures: waterInputM3 (WIN), potableWaterM3 (WIN-POT), reusedHeatMWh (EREUSE)\n",
      ),
      r.stdout,
    );
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
      ["kef-1", "IS", 1, 1.12, null, 1, false],
    );
    assert.deepEqual(body.thresholds, { renewableShare: 1, maxPue: 1.3, reportingThresholdKW: 500, heatReuseThresholdKW: 1000 });
    assert.deepEqual([site.kpis.period, site.kpis.missing], ["2027", ["waterInputM3 (WIN)", "potableWaterM3 (WIN-POT)", "reusedHeatMWh (EREUSE)"]]);
    assert.deepEqual(
      site.renewableEvidence.map((e: { certificates: string[]; countedMWh: number }) => [e.certificates, e.countedMWh]),
      [
        [["IS-GO-2027-G-000912"], 900],
        [["IS-GO-2027-H-003310"], 500],
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
        "eed-reporting",
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
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    assert.deepEqual([run.tool.driver.version, run.tool.driver.semanticVersion], [pkg.version, pkg.version]);
    assert.deepEqual(run.automationDetails, { id: "gigafactory-audit/eu/" });
    assert.deepEqual(run.properties.thresholds, { renewableShare: 1, maxPue: 1.3, reportingThresholdKW: 500, heatReuseThresholdKW: 1000 });
    assert.deepEqual(run.properties.periods, { "kef-1": "2027" });
    const eea = JSON.parse((await main(["audit", "--inventory", ICELAND, "--format", "sarif", "--mode", "eea"])).stdout);
    assert.deepEqual(eea.runs[0].automationDetails, { id: "gigafactory-audit/eea/" });
  });

  it("marks advisory findings in SARIF as warnings and in JUnit as properties, never as failures", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "designPue: 1.2", "designPue: 1.45");
    const file = relative(process.cwd(), join(dir, "sites", "tst-1.yaml"));
    const junit = await main(["audit", "--inventory", dir, "--format", "junit"]);
    assert.equal(junit.exitCode, 0);
    assert.match(junit.stdout, /<testsuites [^>]* failures="0" /);
    assert.ok(!junit.stdout.includes("<failure"), junit.stdout);
    assert.ok(
      junit.stdout.includes(
        `    <testcase classname="energy-efficiency" name="tst-1" file="${file}">\n      <properties>\n        <property name="advisory" value="${file}:22:14: site [tst-1] should have a design PUE of at most 1.3; its design PUE is 1.45"/>\n      </properties>\n    </testcase>`,
      ),
      junit.stdout,
    );
    const sarif = JSON.parse((await main(["audit", "--inventory", dir, "--format", "sarif"])).stdout);
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
      [["energy-efficiency", "warning"]],
    );
  });

  it("reports a certificate claimed by a second site in SARIF and JUnit, on the later claim", async () => {
    const dir = copyFleet();
    let text = readFileSync(join(dir, "sites", "tst-1.yaml"), "utf8");
    for (const [from, to] of [
      ["id: tst-1\n", "id: tst-2\n"],
      ["10.0.0.0/20", "10.100.0.0/20"],
      ["10.1.0.0/20", "10.101.0.0/20"],
      ["10.2.0.0/20", "10.102.0.0/20"],
      ["10.8.0.0/17", "10.108.0.0/17"],
      ["100.64.0.0/16", "100.65.0.0/16"],
      ["site: tst-1", "site: tst-2"],
    ] as const) {
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, "sites", "tst-2.yaml"), text);
    const file = relative(process.cwd(), join(dir, "sites", "tst-2.yaml"));
    const message =
      "site [tst-2] should claim each Guarantee of Origin once; energy.supply[0] claims certificate LV-GO-1, already claimed by site [tst-1] energy.supply[0]";
    const sarif = await main(["audit", "--inventory", dir, "--format", "sarif"]);
    assert.equal(sarif.exitCode, 1);
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; level: string; message: { text: string }; locations: unknown[] }[];
    const claim = results.find((r) => r.message.text === message)!;
    assert.deepEqual(
      [claim.ruleId, claim.level, claim.locations[0]],
      [
        "renewable-power",
        "error",
        { physicalLocation: { artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" }, region: { startLine: 16, startColumn: 63 } } },
      ],
    );
    assert.ok(!results.some((r) => r.message.text.startsWith("site [tst-1] should claim")), "the first claim stands");
    const junit = (await main(["audit", "--inventory", dir, "--format", "junit"])).stdout;
    assert.match(
      junit,
      /<testcase classname="renewable-power" name="tst-2" [^>]*>\n {6}<failure type="mandatory" message="2 violations: [^"]*site \[tst-2\] should claim each Guarantee of Origin once;/,
    );
    assert.match(junit, /<testcase classname="renewable-power" name="tst-1" [^>]*\/>/);
  });

  it("makes eed-reporting mandatory when the operator asks (--mandatory)", async () => {
    const nordic = edit(copyFleet(NORDIC_FLEET), "sites/riga-1.yaml", "  itEnergyMWh: 665000            # EIT\n", "");
    const lax = await main(["audit", "--inventory", nordic]);
    assert.equal(lax.exitCode, 0, lax.stdout);
    assert.match(
      lax.stdout,
      /advisory eed-reporting: site \[riga-1\] should declare the figures of the EU data-centre database; it has [0-9.]+ kW IT power \(reporting from 500 kW\) but lacks itEnergyMWh \(EIT\)\n/,
    );
    const strict = await main(["audit", "--inventory", nordic, "--mandatory", "eed-reporting", "--format", "sarif"]);
    assert.equal(strict.exitCode, 1);
    const run = JSON.parse(strict.stdout).runs[0];
    assert.equal(run.tool.driver.rules.find((r: { id: string }) => r.id === "eed-reporting").defaultConfiguration.level, "error");
    assert.deepEqual(
      run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
      [["eed-reporting", "error"]],
    );
  });

  it("prints JUnit XML: a suite per policy, a case per site, failures for violations", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--format", "junit"]);
    assert.equal(r.exitCode, 1);
    assert.match(
      r.stdout,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="gigafactory audit: iceland-legacy \(eu\)" tests="11" failures="2" errors="0" skipped="2">\n/,
    );
    assert.equal((r.stdout.match(/<testsuite /g) ?? []).length, 11);
    const properties = [
      "    <properties>",
      '      <property name="mode" value="eu"/>',
      '      <property name="threshold.renewableShare" value="1"/>',
      '      <property name="threshold.maxPue" value="1.3"/>',
      '      <property name="threshold.reportingThresholdKW" value="500"/>',
      '      <property name="threshold.heatReuseThresholdKW" value="1000"/>',
      '      <property name="period.kef-1" value="2027"/>',
      "    </properties>",
    ].join("\n");
    assert.ok(
      r.stdout.includes(
        `  <testsuite name="eu-jurisdiction" tests="1" failures="1" errors="0" skipped="0">\n${properties}\n    <testcase classname="eu-jurisdiction" name="kef-1" file="${KEF}">\n      <failure type="mandatory" message="${JURISDICTION}">${KEF}:3:10: mandatory: ${JURISDICTION}</failure>\n    </testcase>\n  </testsuite>`,
      ),
      r.stdout,
    );
    assert.match(
      r.stdout,
      /<testsuite name="tenant-isolation" tests="1" failures="0" errors="0" skipped="1">\n(.*\n){8} {4}<testcase [^>]*>\n {6}<skipped message="judged on resource inputs/,
    );
  });

  it("prints Markdown for a pull-request comment", async () => {
    const r = await main(["audit", "--inventory", ICELAND, "--format", "markdown"]);
    assert.equal(r.exitCode, 1);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "## ❌ Gigafactory audit: 2 mandatory violations");
    assert.ok(lines.includes(`| mandatory | \`eu-jurisdiction\` | site [kef-1] | ${JURISDICTION} | \`${KEF}:3\` |`), r.stdout);
    assert.ok(
      lines.includes("Thresholds: renewable ≥ 100% (REF), PUE ≤ 1.3 (design and measured), EU reporting from 500 kW IT power, heat reuse from 1000 kW."),
      r.stdout,
    );
    assert.ok(
      lines.includes(
        "| kef-1 | IS | 2027 | 100% | 1.12 | 1.1 | missing | missing | 1 | 171.2 kW | no | waterInputM3 (WIN), potableWaterM3 (WIN-POT), reusedHeatMWh (EREUSE) |",
      ),
      r.stdout,
    );
    assert.ok(lines.includes("<details><summary>Renewable evidence of kef-1: 100% of 1400 MWh</summary>"));
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

  it("still writes SARIF, JUnit and JSON with the loader's located errors for an invalid inventory", async () => {
    const dir = fleetWith("sites/tst-1.yaml", "technology: wind", "technology: coal");
    const file = relative(process.cwd(), join(dir, "sites", "tst-1.yaml"));
    const sarifFile = join(out, "invalid.sarif");
    const written = await main(["audit", "--inventory", dir, "--format", "sarif", "--out", sarifFile]);
    assert.equal(written.exitCode, 1);
    assert.equal(written.stdout, `sarif report written to ${sarifFile}\n`);
    assert.match(written.stderr ?? "", /invalid inventory: 1 problem; nothing audited\n$/);
    const run = JSON.parse(readFileSync(sarifFile, "utf8")).runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ["inventory"],
    );
    assert.equal(run.results.length, 1);
    assert.equal(run.results[0].level, "error");
    assert.match(run.results[0].message.text, /^energy\.supply\[0\]\.technology: must be one of: wind, /);
    assert.deepEqual(run.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" },
      region: { startLine: 14, startColumn: 19 },
    });
    const junit = await main(["audit", "--inventory", dir, "--format", "junit"]);
    assert.equal(junit.exitCode, 1);
    assert.match(junit.stdout, /<testsuite name="inventory" tests="1" failures="1" errors="0" skipped="0">/);
    assert.ok(junit.stdout.includes(`<testcase classname="inventory" name="${file}" file="${file}">`), junit.stdout);
    assert.ok(junit.stdout.includes(`>${file}:14:19: energy.supply[0].technology: must be one of: wind, `), junit.stdout);
    const json = JSON.parse((await main(["audit", "--inventory", dir, "--format", "json"])).stdout);
    assert.deepEqual([json.valid, json.compliant, json.errors.length, json.errors[0].line], [false, false, 1, 14]);
  });

  it("says in --help that the mode defaults to eu, not to the fleet's policy.mode", async () => {
    const help = await main(["audit", "--help"]);
    const text = help.stdout.replace(/\s+/g, " ");
    assert.match(
      text,
      /--mode <mode> jurisdiction boundary of eu-jurisdiction and data-residency: eu \| eea \(default: eu; the fleet's policy\.mode cannot relax it\)/,
    );
    const eea = edit(copyFleet(), "fleet.yaml", "mode: eu", "mode: eea");
    const judged = await main(["audit", "--inventory", eea]);
    assert.match(judged.stdout, /audited in eu mode\n$/, "a fleet that says eea is still judged in eu mode");
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
