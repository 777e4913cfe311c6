/** The published JSON Schema of `report eed` matches its TypeBox source, and the report's JSON validates against it. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { EED_REPORT_SCHEMA_FILE, renderEedReportSchema } from "../../cli/eed/report-schema";
import { main } from "../../cli/index";
import { REPO_ROOT, REPORTING_FLEET } from "../helpers/fleet-fixture";

describe("the JSON Schema of report eed", () => {
  const published = readFileSync(join(REPO_ROOT, EED_REPORT_SCHEMA_FILE), "utf8");
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(published));

  it(`${EED_REPORT_SCHEMA_FILE} is up to date with its TypeBox source (npm run schemas)`, () => {
    assert.equal(published, renderEedReportSchema());
  });

  for (const [what, args] of [
    ["the sample fleet's complete 2025 report", []],
    ["an incomplete report (the fixture in 2026, a year without figures)", ["--inventory", REPORTING_FLEET, "--year", "2026"]],
  ] as const) {
    it(`validates ${what}`, async () => {
      const r = await main(["report", "eed", "--year", "2025", ...args]);
      const json = JSON.parse(r.stdout) as unknown;
      assert.ok(validate(json), JSON.stringify(validate.errors));
    });
  }

  it("refuses a report whose verdict is not a boolean", () => {
    assert.equal(
      validate({
        fleet: "x",
        period: { year: 2025, from: "2025-01-01", to: "2025-12-31" },
        dueDate: "2026-05-15",
        reportingThresholdKW: 500,
        complete: "yes",
        sites: [],
      }),
      false,
    );
  });
});
