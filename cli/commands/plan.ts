/** The face of `gigafactory plan`: options, help and examples; the work is loaded only when it runs (`../plan`). */
import { availableParallelism } from "node:os";
import { Command, InvalidArgumentError, Option } from "commander";
import type { CommandResult } from "../command-result";
import { choiceOption } from "../option-parsers";
import { inventoryOption } from "./inventory-option";

/** The formats (`../plan`'s `PLAN_FORMATS`, restated here so that `--help` loads nothing). */
const FORMATS = ["text", "markdown", "json"] as const;

const EXAMPLES = `
Examples:
  $ npx gigafactory plan --stack riga-1-kubernetes-site
  $ npx gigafactory plan --stack 'hamina-1-physical-h*' --format markdown
  $ npx gigafactory plan --since HEAD --format markdown
  $ npx gigafactory plan --stack '*-kubernetes-site' --format json --out plan.json
  $ npx gigafactory plan --stack '*-kubernetes-site' --baseline plan.json

Exit codes: 0 clean, 1 mandatory findings or an invalid inventory, 2 usage (a bad revision, baseline or --out), 3 internal error.`;

function jobsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError(`must be a whole number of at least 1 (got "${value}")`);
  return n;
}

/** Registers the command. */
export function planCommand(run: (result: CommandResult) => void): Command {
  return new Command("plan")
    .description("plan every stack offline (Pulumi mocks, parallel workers) under the policy pack; with --since or --baseline, only what changes")
    .addOption(inventoryOption())
    .option("--stack <glob>", "plan only the stacks whose name matches (* any characters, ? one; several separated by commas)")
    .addOption(
      new Option("--since <git-ref>", "compare with the inventory at this git revision; plan only the stacks the change touches").conflicts("baseline"),
    )
    .option("--baseline <file>", "compare with a previous `plan --format json`; plan only the stacks whose inputs changed")
    .addOption(new Option("--jobs <n>", "worker processes").argParser(jobsOption).default(availableParallelism(), "the number of CPUs"))
    .option("--format <format>", `output format: ${FORMATS.join(" | ")}`, choiceOption("format", FORMATS), "text")
    .option("--out <file>", "write the plan to this file instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action(async (options) => {
      // Loaded only now, so that the other commands start without it.
      const { plan } = require("../plan") as typeof import("../plan");
      run(await plan(options, { progress: process.stderr }));
    });
}
