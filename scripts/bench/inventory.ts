/**
 * Child of `npm run bench`: loads, validates and expands a fleet (`ours`), or does only what any
 * loader must, a plain YAML parse and one ajv validation of the same files (`baseline`). The first
 * run is cold (schema compilation included, as a CLI run sees it); then warm runs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { DEFAULT_FLEET } from "../../inventory/fleets/default";
import { loadFleet } from "../../inventory/load";
import { FleetFile } from "../../inventory/schema/fleet";
import { Site } from "../../inventory/schema/site";
import { figure, median, peakRssMb, timeMs } from "./measure";

const [mode = "ours", dir = join(__dirname, "..", "..", DEFAULT_FLEET), warmRuns = "5"] = process.argv.slice(2);

function ours(): void {
  const result = loadFleet(dir);
  if (result.problems.length > 0 || result.summary.nodes < 12_500)
    throw new Error(`unexpected fleet: ${result.problems.length} problems, ${result.summary.nodes} nodes`);
}

function baseline(): void {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: true });
  const validateSite = ajv.compile(Site);
  const validateFleet = ajv.compile(FleetFile);
  if (!validateFleet(parse(readFileSync(join(dir, "fleet.yaml"), "utf8")))) throw new Error("baseline: invalid fleet.yaml");
  for (const f of readdirSync(join(dir, "sites")).sort()) {
    if (!validateSite(parse(readFileSync(join(dir, "sites", f), "utf8")))) throw new Error(`baseline: invalid ${f}`);
  }
}

const fn = mode === "baseline" ? baseline : ours;
const cold = timeMs(fn);
const warm = median(Array.from({ length: Number(warmRuns) }, () => timeMs(fn)));
figure(`${mode}-cold-ms`, cold);
figure(`${mode}-warm-ms`, warm);
figure(`${mode}-peak-rss-mb`, peakRssMb());
