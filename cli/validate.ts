/**
 * `gigafactory validate`: load, check and expand a fleet; name the fleet, report every problem
 * with its location (relative to the repository root), end with the per-site table and the
 * one-line summary.
 */
import { relative, resolve } from "node:path";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import type { FleetSummary } from "../inventory/fleet";
import type { CommandResult } from "./command-result";
import type { ValidateFormat } from "./commands/validate";
import { ExitCode } from "./exit-codes";
import { plural } from "./reports/common";
import { renderSiteTable, siteRow } from "./reports/site-table";
import { reportRoot } from "./report-root";

export interface ValidateOptions {
  readonly inventory: string;
  readonly format: ValidateFormat;
}

/** Runs the validation and renders its result; no printing, no exiting. */
export function validate(options: ValidateOptions, cwd: string = process.cwd()): CommandResult {
  const dir = resolve(cwd, options.inventory);
  const root = reportRoot(dir, cwd);
  const result = loadFleet(dir, { cwd: root });
  const valid = result.problems.length === 0;
  const exitCode = valid ? ExitCode.Ok : ExitCode.Findings;
  const fleet = { ...(result.fleet ? { name: result.fleet.name } : {}), dir: relative(root, dir) || "." };
  const sites = result.expanded.map((s, i) => siteRow(s, result.expanded.slice(0, i)));
  if (options.format === "json") {
    const body = {
      valid,
      fleet,
      errors: result.problems.map(({ file, line, column, path, message }) => ({ file, line, column, path, message })),
      sites,
      summary: result.summary,
    };
    return { exitCode, stdout: `${JSON.stringify(body, null, 2)}\n` };
  }
  const lines = [fleet.name === undefined ? `fleet in ${fleet.dir}` : `fleet ${fleet.name} (${fleet.dir})`];
  lines.push(...result.problems.map(formatProblem));
  if (sites.length > 0) lines.push(...renderSiteTable(sites));
  lines.push(`${valid ? "valid" : `invalid: ${plural(result.problems.length, "problem")}`}; ${summaryLine(result.summary)}`);
  return { exitCode, stdout: `${lines.join("\n")}\n` };
}

/** `3 sites, 2090 racks, 20120 nodes, 100480 accelerators, 176430 kW IT power`. */
export function summaryLine(s: FleetSummary): string {
  return `${plural(s.sites, "site")}, ${plural(s.racks, "rack")}, ${plural(s.nodes, "node")}, ${plural(s.accelerators, "accelerator")}, ${s.itPowerKW} kW IT power`;
}
