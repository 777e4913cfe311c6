/** The face of `gigafactory validate`: options, help and examples; the work is loaded only when it runs (`../validate`). */
import { Command } from "commander";
import type { CommandResult } from "../command-result";
import { choiceOption } from "../option-parsers";
import { inventoryOption } from "./inventory-option";

export const VALIDATE_FORMATS = ["text", "json"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

const EXAMPLES = `
Examples:
  $ npx gigafactory validate
  $ npx gigafactory validate --inventory inventory/fleets/lab --format json

Exit codes: 0 valid, 1 invalid inventory, 2 usage, 3 internal error.`;

/** Registers the command. */
export function validateCommand(run: (result: CommandResult) => void): Command {
  return new Command("validate")
    .description("check a fleet inventory against its schemas and semantic rules; ends with a per-site table and a summary")
    .addOption(inventoryOption())
    .option("--format <format>", `output format: ${VALIDATE_FORMATS.join(" | ")}`, choiceOption("format", VALIDATE_FORMATS), "text")
    .addHelpText("after", EXAMPLES)
    .action((options) => {
      // Loaded only now, so that the other commands start without it.
      const { validate } = require("../validate") as typeof import("../validate");
      run(validate(options));
    });
}
