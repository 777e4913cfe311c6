/** `gigafactory validate`: load, check and expand a fleet; report every problem with its location. */
import { Command } from "commander";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import type { FleetSummary } from "../inventory/fleet";
import { DEFAULT_INVENTORY, formatOption } from "./defaults";
import { plural } from "./reports/common";
import { ExitCode, type CommandResult } from "./exit-codes";

export const VALIDATE_FORMATS = ["text", "json"] as const;

export interface ValidateOptions {
  readonly inventory: string;
  readonly format: (typeof VALIDATE_FORMATS)[number];
}

/** Runs the validation and renders its result; no printing, no exiting. */
export function validate(options: ValidateOptions): CommandResult {
  const result = loadFleet(options.inventory);
  const valid = result.problems.length === 0;
  const exitCode = valid ? ExitCode.Ok : ExitCode.Findings;
  if (options.format === "json") {
    const body = {
      valid,
      errors: result.problems.map(({ file, line, column, path, message }) => ({ file, line, column, path, message })),
      summary: result.summary,
    };
    return { exitCode, stdout: `${JSON.stringify(body, null, 2)}\n` };
  }
  const lines = result.problems.map(formatProblem);
  lines.push(`${valid ? "valid" : `invalid: ${plural(result.problems.length, "problem")}`}; ${summaryLine(result.summary)}`);
  return { exitCode, stdout: `${lines.join("\n")}\n` };
}

/** `3 sites, 2090 racks, 20120 nodes, 100480 accelerators, 176430 kW IT power`. */
export function summaryLine(s: FleetSummary): string {
  return `${plural(s.sites, "site")}, ${plural(s.racks, "rack")}, ${plural(s.nodes, "node")}, ${plural(s.accelerators, "accelerator")}, ${s.itPowerKW} kW IT power`;
}


/** Registers the command. */
export function validateCommand(run: (result: CommandResult) => void): Command {
  return new Command("validate")
    .description("check a fleet inventory against its schemas and semantic rules")
    .option("--inventory <dir>", "fleet directory (fleet.yaml and sites/)", DEFAULT_INVENTORY)
    .option("--format <format>", `output format: ${VALIDATE_FORMATS.join(" | ")}`, formatOption(VALIDATE_FORMATS), "text")
    .action((options: ValidateOptions) => run(validate(options)));
}
