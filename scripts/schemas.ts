/** Writes inventory/schema/*.schema.json from the TypeBox schemas (`npm run schemas`). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EED_REPORT_SCHEMA_FILE, renderEedReportSchema } from "../cli/eed/report-schema";
import { renderSchemaFile, SCHEMA_FILES } from "../inventory/schema/json-schema";

for (const name of Object.keys(SCHEMA_FILES)) {
  writeFileSync(join(__dirname, "..", "inventory", "schema", name), renderSchemaFile(name));
  console.log(`wrote inventory/schema/${name}`);
}
writeFileSync(join(__dirname, "..", EED_REPORT_SCHEMA_FILE), renderEedReportSchema());
console.log(`wrote ${EED_REPORT_SCHEMA_FILE}`);
