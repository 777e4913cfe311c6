/** The published JSON Schema files match the schemas the loader validates with, and validate the sample fleet. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { renderSchemaFile, SCHEMA_FILES } from "../../inventory/schema/json-schema";
import { NORDIC_FLEET, REPO_ROOT } from "../helpers/fleet-fixture";

const SCHEMA_DIR = join(REPO_ROOT, "inventory", "schema");
const SAMPLE = NORDIC_FLEET;

describe("published JSON Schemas", () => {
  for (const name of Object.keys(SCHEMA_FILES)) {
    it(`${name} is up to date with its TypeBox source (npm run schemas)`, () => {
      assert.equal(readFileSync(join(SCHEMA_DIR, name), "utf8"), renderSchemaFile(name));
    });
  }

  it("validate the sample fleet as a plain draft 2020-12 validator sees them", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const site = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, "site.schema.json"), "utf8")));
    const fleet = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, "fleet.schema.json"), "utf8")));
    assert.ok(fleet(parse(readFileSync(join(SAMPLE, "fleet.yaml"), "utf8"))), JSON.stringify(fleet.errors));
    for (const f of readdirSync(join(SAMPLE, "sites"))) {
      assert.ok(site(parse(readFileSync(join(SAMPLE, "sites", f), "utf8"))), `${f}: ${JSON.stringify(site.errors)}`);
    }
    assert.equal(site({ id: "x" }), false);
  });
});
