/** Metering files: the format of `inventory/metering.ts`, each problem at its file, line and column. */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { loadFleet } from "../../inventory/load";
import { parseMetering } from "../../inventory/metering";
import { formatProblem } from "../../inventory/problem";
import { cleanFleets, copyFleet, edit, REPO_ROOT, REPORTING_FLEET } from "../helpers/fleet-fixture";

const CSV = "metering/tst-1-2025.csv";
const HEADER =
  "month,total_mwh,it_mwh,backup_generator_mwh,supply_0_mwh,supply_1_mwh,water_m3,potable_water_m3,reused_heat_mwh,traffic_in_tb,traffic_out_tb,data_stored_tb,data_processed_tb";

/** The problems of the reporting fixture with one change to its metering file (or its site file). */
function problemsWith(file: string, from: string, to: string): string[] {
  const dir = edit(copyFleet(REPORTING_FLEET), file, from, to);
  return loadFleet(dir, { cwd: dir }).problems.map(formatProblem);
}

describe("metering files", () => {
  after(cleanFleets);

  it("the fixture's file loads: twelve months, in order", () => {
    const loaded = loadFleet(REPORTING_FLEET, { cwd: REPO_ROOT });
    assert.deepEqual(loaded.problems, []);
    const [m] = loaded.fleet!.sites[0]!.metering;
    assert.equal(m!.file, relative(REPO_ROOT, join(REPORTING_FLEET, CSV)));
    assert.deepEqual(
      m!.months.map((x) => [x.month, x.line]),
      Array.from({ length: 12 }, (_, i) => [`2025-${String(i + 1).padStart(2, "0")}`, i + 3]),
    );
    assert.deepEqual(m!.months[0]!.supplyMWh, [200, 100]);
  });

  it("IT energy above the total is an error at its cell", () => {
    assert.deepEqual(problemsWith(CSV, "2025-03,300,240,", "2025-03,300,340,"), [
      `${CSV}:5:13: it_mwh: it_mwh 340 exceeds total_mwh 300; IT energy is part of the total`,
    ]);
  });

  it("a value that is not a number", () => {
    assert.deepEqual(problemsWith(CSV, "2025-04,300,240,0,", "2025-04,300,240,n/a,"), [
      `${CSV}:6:17: backup_generator_mwh: "n/a" is not a non-negative number`,
    ]);
  });

  it("an empty cell", () => {
    assert.deepEqual(problemsWith(CSV, "2025-05,300,240,0,200,", "2025-05,300,240,0,,"), [
      `${CSV}:7:19: supply_0_mwh: no value; every figure is metered (write 0 for none)`,
    ]);
  });

  it("potable water above the water input", () => {
    assert.deepEqual(problemsWith(CSV, "2025-06,300,240,0,200,100,30,3,", "2025-06,300,240,0,200,100,30,31,"), [
      `${CSV}:8:30: potable_water_m3: potable_water_m3 31 exceeds water_m3 30; potable water is part of the water input`,
    ]);
  });

  it("supplies delivering more than the total", () => {
    assert.deepEqual(problemsWith(CSV, "2025-07,300,240,0,200,", "2025-07,300,240,0,250,"), [
      `${CSV}:9:19: supply_0_mwh: the supplies deliver 350 MWh, more than total_mwh 300`,
    ]);
  });

  it("a month twice, and so one missing", () => {
    assert.deepEqual(problemsWith(CSV, "2025-08,", "2025-07,"), [
      `${CSV}:10:1: month: month 2025-07 appears twice (also on line 9)`,
      `${CSV}:14:1: month: the year 2025 lacks month 2025-08`,
    ]);
  });

  it("a month of another year", () => {
    assert.deepEqual(problemsWith(CSV, "2025-12,", "2024-12,"), [`${CSV}:14:1: month: month 2024-12 is outside the file's year 2025`]);
  });

  it("a header without a column, and one naming a supply the site lacks", () => {
    assert.deepEqual(problemsWith(CSV, ",data_processed_tb", ",supply_2_mwh"), [
      `${CSV}:2:1: (document): the header lacks column data_processed_tb`,
      `${CSV}:2:157: supply_2_mwh: column supply_2_mwh names energy.supply[2], but the site has 2 supplies`,
    ]);
  });

  it("a missing file is an error at its reference in the site file", () => {
    assert.deepEqual(problemsWith("sites/tst-1.yaml", "file: metering/tst-1-2025.csv", "file: metering/tst-1-2024.csv"), [
      "sites/tst-1.yaml:92:27: reporting.metering[0].file: no such file metering/tst-1-2024.csv",
    ]);
  });

  it("IT energy the installed IT power cannot draw in the month", () => {
    // 542 kW × 744 h = 403.248 MWh in March.
    assert.deepEqual(problemsWith(CSV, "2025-03,300,240,0,200,100,", "2025-03,500,404,0,200,100,"), [
      `${CSV}:5:13: it_mwh: it_mwh 404 is more than the installed IT power of 542 kW can draw in 2025-03 (403.248 MWh in 744 h)`,
    ]);
  });

  it("the year's Guarantees of Origin name a supply the site has", () => {
    assert.deepEqual(problemsWith("sites/tst-1.yaml", "guarantees: [{ supply: 0,", "guarantees: [{ supply: 2,"), [
      "sites/tst-1.yaml:92:75: reporting.metering[0].guarantees[0].supply: energy.supply[2] does not exist; the site has 2 supplies",
    ]);
  });

  it("a year's certificate claimed twice is an error at the second claim", () => {
    assert.deepEqual(
      problemsWith(
        "sites/tst-1.yaml",
        '"LV-GO-2025-1"] }] }',
        '"LV-GO-2025-1"] }, { supply: 1, cancelled: true, registry: AST, certificates: ["lv-go-2025-1 "] }] }',
      ),
      [
        "sites/tst-1.yaml:92:204: reporting.metering[0].guarantees[1].certificates[0]: certificate lv-go-2025-1 is already claimed by site [tst-1] reporting.metering[0] (2025) supply[0]",
      ],
    );
  });

  it("a row with a field too few", () => {
    assert.deepEqual(parseMetering("m.csv", `${HEADER}\n2025-01,1,1,0,1,0,0,0,0,0,0,0\n`, 2025, 2).problems.map(formatProblem).slice(0, 1), [
      "m.csv:2:1: (document): the row has 12 fields, the header 13",
    ]);
  });
});
