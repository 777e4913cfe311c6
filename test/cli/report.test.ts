/** `gigafactory report eed`: the EU data-centre report, from the compliant fixture, with one change per failing case. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import type { EedReport, SiteRecord } from "../../cli/eed/record";
import { eedReport } from "../../cli/eed/record";
import { main } from "../../cli/index";
import { reportEed } from "../../cli/report";
import { loadFleet } from "../../inventory/load";
import { parseMetering } from "../../inventory/metering";
import { cleanFleets, copyFleet, edit, NORDIC_FLEET, REPO_ROOT, REPORTING_FLEET } from "../helpers/fleet-fixture";

const SITE = relative(process.cwd(), join(REPORTING_FLEET, "sites", "tst-1.yaml"));
const CSV = relative(process.cwd(), join(REPORTING_FLEET, "metering", "tst-1-2025.csv"));

async function report(args: readonly string[]): Promise<{ exitCode: number; json: EedReport; stderr: string }> {
  const r = await main(["report", "eed", "--year", "2025", ...args]);
  return { exitCode: r.exitCode, json: JSON.parse(r.stdout) as EedReport, stderr: r.stderr ?? "" };
}

/** The fixture with one change, reported as JSON. */
async function reportWith(file: string, from: string, to: string, args: readonly string[] = []) {
  const dir = edit(copyFleet(REPORTING_FLEET), file, from, to);
  return report(["--inventory", dir, ...args]);
}

const site = (r: EedReport): SiteRecord => r.sites[0]!;
const value = (s: SiteRecord, key: string) => s.values.find((v) => v.key === key)!;

describe("gigafactory report eed", () => {
  after(cleanFleets);

  it("the compliant fixture reports every field, each traced, and exits 0", async () => {
    const r = await report(["--inventory", REPORTING_FLEET]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.deepEqual(r.json.period, { year: 2025, from: "2025-01-01", to: "2025-12-31" });
    assert.equal(r.json.dueDate, "2026-05-15");
    assert.equal(r.json.complete, true);
    const s = site(r.json);
    assert.equal(s.reason, "installed IT power demand 542 kW is at least 500 kW");
    assert.deepEqual(s.missing, []);
    assert.ok(s.values.every((v) => v.value !== null && v.trace !== undefined));
    assert.deepEqual(value(s, "municipality"), {
      key: "municipality",
      label: "municipality",
      unit: "",
      value: "Riga",
      trace: { kind: "inventory", file: SITE, line: 83, column: 17, path: "reporting.municipality" },
    });
    assert.deepEqual(value(s, "edcMWh").trace, { kind: "metering", file: CSV, lines: [3, 14], column: "total_mwh", rule: "sum of the months" });
    assert.deepEqual(value(s, "dataStoredTB"), {
      key: "dataStoredTB",
      label: "data stored (end of the year)",
      unit: "TB",
      value: 52,
      trace: { kind: "metering", file: CSV, lines: [14, 14], column: "data_stored_tb", rule: "last month" },
    });
    assert.deepEqual(value(s, "installedItPowerKW").trace, {
      kind: "formula",
      formula: "PDIT = Σ racks of the ledger (nodes × blueprint powerKW + overheadKW) + Σ storage[i].powerKW + reporting.networkPowerKW",
      inputs: { racks: 42, storage: 300, network: 200 },
    });
    assert.deepEqual(
      ["pue", "wue", "erf", "ref"].map((k) => value(s, k).value),
      [1.25, 0.125, 0.2, 1],
    );
    assert.deepEqual(value(s, "pue").trace, { kind: "formula", formula: "PUE = EDC / EIT", inputs: { EDC: 3600, EIT: 2880 } });
    assert.deepEqual(
      s.thresholds.map((t) => [t.kpi, t.value, t.comparison, t.limit, t.meets]),
      [
        ["PUE", 1.25, "≤", 1.3, true],
        ["REF", 1, "≥", 1, true],
      ],
    );
  });

  it("a missing field is listed with its reason, exit 1", async () => {
    const r = await reportWith("sites/tst-1.yaml", "  municipality: Riga\n", "");
    assert.equal(r.exitCode, 1);
    assert.deepEqual(site(r.json).missing, [
      {
        key: "municipality",
        label: "municipality",
        reason: `reporting.municipality is not in ${site(r.json).file}`,
      },
    ]);
    assert.equal(r.stderr, "incomplete: 1 of 1 site reports for 2025, due 2026-05-15; missing tst-1 municipality\n");
  });

  it("Markdown and CSV say in words what is missing", async () => {
    const dir = edit(copyFleet(REPORTING_FLEET), "sites/tst-1.yaml", "  municipality: Riga\n", "");
    const md = await main(["report", "eed", "--inventory", dir, "--year", "2025", "--format", "markdown"]);
    assert.equal(md.exitCode, 1);
    const file = relative(process.cwd(), join(dir, "sites", "tst-1.yaml"));
    assert.match(md.stdout, /\*\*Incomplete\*\*: 1 mandatory field is missing\./);
    assert.ok(md.stdout.includes(`Missing:\n- municipality (municipality): reporting.municipality is not in ${file}\n`), md.stdout);
    assert.ok(md.stdout.includes(`| municipality | **missing** |  | reporting.municipality is not in ${file} | Directive (EU) 2023/1791 Annex VII(a) |`));
    const csv = await main(["report", "eed", "--inventory", dir, "--year", "2025", "--format", "csv"]);
    assert.ok(
      csv.stdout.includes(
        `2025,2026-05-15,tst-1,true,municipality,municipality,,,,Directive (EU) 2023/1791 Annex VII(a),reporting.municipality is not in ${file}\n`,
      ),
      csv.stdout,
    );
  });

  it("without the floor areas, both are missing", async () => {
    const r = await reportWith("sites/tst-1.yaml", "  floorArea: { totalM2: 2000, computerRoomM2: 800 }\n", "");
    assert.equal(r.exitCode, 1);
    assert.deepEqual(
      site(r.json).missing.map((m) => m.key),
      ["totalFloorAreaM2", "computerRoomFloorAreaM2"],
    );
  });

  it("without metered data for the year, the period's figures are missing and say why", async () => {
    const r = await reportWith(
      "sites/tst-1.yaml",
      '  metering:\n    - { year: 2025, file: metering/tst-1-2025.csv, guarantees: [{ supply: 0, cancelled: true, registry: AST, certificates: ["LV-GO-2025-1"] }] }\n',
      "",
    );
    assert.equal(r.exitCode, 1);
    const s = site(r.json);
    assert.equal(s.energySource, "none");
    assert.deepEqual(
      s.missing.find((m) => m.key === "edcMWh"),
      {
        key: "edcMWh",
        label: "total energy consumption (EDC)",
        reason: 'no metered data for 2025 (reporting.metering) and energy.period is "2027"',
      },
    );
    assert.equal(s.missing.find((m) => m.key === "pue")!.reason, 'EDC is missing: no metered data for 2025 (reporting.metering) and energy.period is "2027"');
    assert.equal(s.missing.length, 18);
  });

  it("the year of the site file's energy section takes its figures from there, traced to their lines", async () => {
    const r = await main(["report", "eed", "--inventory", REPORTING_FLEET, "--year", "2027"]);
    const s = site(JSON.parse(r.stdout) as EedReport);
    assert.equal(r.exitCode, 1);
    assert.equal(s.energySource, "inventory");
    assert.deepEqual(value(s, "edcMWh").trace, { kind: "inventory", file: SITE, line: 7, column: 20, path: "energy.annualDemandMWh" });
    assert.deepEqual(
      s.missing.map((m) => m.key),
      ["trafficInTB", "trafficOutTB", "dataStoredTB", "dataProcessedTB", "backupGeneratorMWh"],
    );
  });

  it("a site under 500 kW does not report, and says why", async () => {
    const r = await reportWith("sites/tst-1.yaml", "networkPowerKW: 200", "networkPowerKW: 100");
    assert.equal(r.exitCode, 0);
    assert.equal(site(r.json).mustReport, false);
    assert.equal(site(r.json).reason, "installed IT power demand 442 kW is under 500 kW");
  });

  it("a site that started after the period does not report for it", async () => {
    const r = await reportWith("sites/tst-1.yaml", 'operationsStarted: "2024-06"', 'operationsStarted: "2026-02"');
    assert.equal(r.exitCode, 0);
    assert.equal(site(r.json).reason, "started operation on 2026-02, after the reporting period 2025");
  });

  it("the year's Guarantees of Origin replace the site file's: not cancelled, the PPA does not count", async () => {
    const r = await reportWith("sites/tst-1.yaml", "guarantees: [{ supply: 0, cancelled: true,", "guarantees: [{ supply: 0, cancelled: false,");
    assert.equal(r.exitCode, 0);
    const s = site(r.json);
    assert.deepEqual(s.supplies[0], {
      index: 0,
      kind: "ppa",
      technology: "wind",
      deliveredMWh: 2400,
      countedMWh: 0,
      registry: "AST",
      certificates: ["LV-GO-2025-1"],
      cancelled: false,
      reason: "supply[0] (ppa, wind) has Guarantees of Origin that were not cancelled",
      trace: s.supplies[0]!.trace,
    });
    assert.deepEqual({ ...s.supplies[0]!.trace, file: "" }, { kind: "metering", file: "", lines: [3, 14], column: "supply_0_mwh", rule: "sum of the months" });
    assert.deepEqual(
      ["eresPpaMWh", "eresTotMWh", "ref"].map((k) => value(s, k).value),
      [0, 1200, 0.3333],
    );
    const ref = s.thresholds[1]!;
    assert.deepEqual([ref.kpi, ref.value, ref.comparison, ref.limit, ref.meets], ["REF", 0.3333, "≥", 1, false]);
    assert.match(ref.source, /^policy\.renewableThreshold of .*fleet\.yaml:8:23, never laxer than the platform's default$/);
  });

  it("a REF just under the threshold is never rounded onto it", async () => {
    const r = await reportWith("metering/tst-1-2025.csv", "2025-01,300,240,0,200,100,", "2025-01,300,240,0,200,99.99,");
    const ref = site(r.json).thresholds[1]!;
    assert.equal(ref.value, 0.9999);
    assert.equal(ref.meets, false);
  });

  it("a bad metering file: exit 1 with its located errors and no report", async () => {
    const dir = edit(copyFleet(REPORTING_FLEET), "metering/tst-1-2025.csv", "2025-03,300,240,", "2025-03,300,340,");
    const r = await main(["report", "eed", "--inventory", dir, "--year", "2025"]);
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout, "");
    const file = relative(process.cwd(), join(dir, "metering", "tst-1-2025.csv"));
    assert.equal(r.stderr, `${file}:5:13: it_mwh: it_mwh 340 exceeds total_mwh 300; IT energy is part of the total\ninvalid inventory: 1 problem; no report\n`);
  });

  it("without --year, the previous calendar year, due 15 May of this one", () => {
    const r = reportEed({ inventory: REPORTING_FLEET, format: "json" }, process.cwd(), new Date("2026-03-01T00:00:00Z"));
    const json = JSON.parse(r.stdout) as EedReport;
    assert.deepEqual([json.period.year, json.dueDate, r.exitCode], [2025, "2026-05-15", 0]);
  });

  it("an unknown --site is a usage error", async () => {
    const r = await main(["report", "eed", "--inventory", REPORTING_FLEET, "--site", "nowhere"]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, "error: --site nowhere: no such site in reporting (tst-1)\n");
  });

  it("a bad --year is a usage error", async () => {
    const r = await main(["report", "eed", "--year", "25"]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr ?? "", /must be a calendar year from 2000 to 2100 \(got "25"\)/);
  });

  it("the sample fleet's 2025 report is complete: three sites, exit 0", async () => {
    const r = await report(["--inventory", NORDIC_FLEET]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(
      r.json.sites.map((s) => [s.site, s.mustReport, s.missing.length, s.energySource]),
      [
        ["hamina-1", true, 0, "metering"],
        ["kajaani-1", true, 0, "metering"],
        ["riga-1", true, 0, "metering"],
      ],
    );
    assert.ok(r.json.sites.every((s) => s.thresholds.every((t) => t.meets === true)));
  });

  it("--site keeps one site; csv and markdown carry the period, the due date and the charts", async () => {
    const csv = await main(["report", "eed", "--year", "2025", "--site", "riga-1", "--format", "csv"]);
    assert.equal(csv.exitCode, 0);
    const rows = csv.stdout.trim().split("\n");
    assert.equal(rows[0], "year,due,site,must_report,field,label,value,unit,source,legal_basis,missing");
    assert.ok(rows.slice(1).every((row) => row.startsWith("2025,2026-05-15,riga-1,true,")));
    const md = await main(["report", "eed", "--year", "2025", "--site", "riga-1", "--format", "markdown"]);
    assert.match(md.stdout, /^# EU data-centre report 2025: nordic-baltic-gigafactory\n\nReporting period 2025-01-01 to 2025-12-31; due 2026-05-15/);
    assert.match(md.stdout, /```mermaid\npie showData\n {4}title riga-1 energy 2025, MWh \(EDC 644000\)\n {4}"ERES-GOO, Guarantees of Origin" : 202032\n/);
    assert.match(md.stdout, /```mermaid\nxychart-beta\n {4}title "riga-1 PUE 2025: 1\.15 \(≤ 1\.3\)"\n/);
  });

  it("--out writes the report and prints the verdict", async () => {
    const out = mkdtempSync(join(tmpdir(), "gigafactory-eed-"));
    try {
      const file = join(out, "eed.md");
      const r = await main(["report", "eed", "--inventory", REPORTING_FLEET, "--year", "2025", "--format", "markdown", "--out", file]);
      assert.equal(r.exitCode, 0);
      assert.equal(r.stdout, `complete: 1 of 1 site reports for 2025, due 2026-05-15; markdown report written to ${file}\n`);
      assert.match(readFileSync(file, "utf8"), /^# EU data-centre report 2025: reporting\n/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the report's KPI figures add up (property)", () => {
  const loaded = loadFleet(REPORTING_FLEET, { cwd: REPO_ROOT });
  const fleet = loaded.fleet!;
  const HEADER =
    "month,total_mwh,it_mwh,backup_generator_mwh,supply_0_mwh,supply_1_mwh,water_m3,potable_water_m3,reused_heat_mwh,traffic_in_tb,traffic_out_tb,data_stored_tb,data_processed_tb";
  /** A month's figures that the loader accepts: parts at most their wholes. */
  const month = fc
    .record({
      total: fc.integer({ min: 1, max: 100_000 }),
      it: fc.double({ min: 0, max: 1, noNaN: true }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ total, it, a, b }) => {
      const first = Math.floor(total * a);
      return [total, Math.floor(total * it), 0, first, Math.floor((total - first) * b), 10, 1, 0, 0, 0, 0, 0];
    });

  it("per-kind renewable ≤ renewable ≤ total, and PUE ≥ 1", () => {
    fc.assert(
      fc.property(fc.array(month, { minLength: 12, maxLength: 12 }), fc.boolean(), (months, cancelled) => {
        const text = [HEADER, ...months.map((m, i) => `2025-${String(i + 1).padStart(2, "0")},${m.join(",")}`)].join("\n");
        const read = parseMetering("m.csv", text, 2025, 2);
        assert.deepEqual(read.problems, []);
        const entry = fleet.sites[0]!;
        const supply = entry.site.energy.supply.map((s) => (s.goo ? { ...s, goo: { ...s.goo, cancelled } } : s));
        const changed = { ...entry, site: { ...entry.site, energy: { ...entry.site.energy, supply } }, metering: [read.metered!] };
        const s = eedReport({ ...fleet, sites: [changed] }, loaded.expanded, 2025).sites[0]!;
        const v = (key: string) => s.values.find((x) => x.key === key)!.value as number | null;
        const total = v("edcMWh")!;
        const renewable = v("eresTotMWh")!;
        for (const kind of ["eresGooMWh", "eresPpaMWh", "eresOsMWh"]) assert.ok(v(kind)! <= renewable + 1e-9, `${kind} ${v(kind)} > ERES-TOT ${renewable}`);
        assert.ok(renewable <= total + 1e-9, `ERES-TOT ${renewable} > EDC ${total}`);
        const pue = v("pue");
        if (pue !== null) assert.ok(pue >= 1, `PUE ${pue}`);
        const ref = v("ref")!;
        assert.ok(ref >= 0 && ref <= 1, `REF ${ref}`);
      }),
      { numRuns: 200 },
    );
  });
});
