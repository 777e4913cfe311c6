/** The face of `gigafactory report`: its reports (today `eed`), options, help and examples; the work is loaded only when it runs (`../report`). */
import { Command } from "commander";
import type { CommandResult } from "../command-result";
import { choiceOption, yearOption } from "../option-parsers";
import { inventoryOption } from "./inventory-option";

/** The formats of `report eed`. */
export const EED_FORMATS = ["json", "csv", "markdown"] as const;
/** A format of `report eed`. */
export type EedFormat = (typeof EED_FORMATS)[number];

const EXAMPLES = `
Examples:
  $ npx gigafactory report eed --year 2025
  $ npx gigafactory report eed --year 2025 --site riga-1 --format markdown
  $ npx gigafactory report eed --year 2025 --format csv --out eed-2025.csv

Exit codes: 0 complete, 1 a mandatory field is missing or the inventory is invalid, 2 usage, 3 internal error.`;

/** Registers the command and its reports. */
export function reportCommand(run: (result: CommandResult) => void): Command {
  const eed = new Command("eed")
    .description(
      "the EU data-centre report (Directive (EU) 2023/1791 Art. 12, Delegated Regulation (EU) 2024/1364): per site that must report, every field with its source, due 15 May of the next year",
    )
    .addOption(inventoryOption())
    .option("--site <id>", "only this site")
    .option("--year <year>", "the calendar year reported (default: the previous calendar year)", yearOption)
    .option("--format <format>", `output format: ${EED_FORMATS.join(" | ")}`, choiceOption("format", EED_FORMATS), "json")
    .option("--out <file>", "write the report to this file instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action((options) => {
      // Loaded only now, so that the other commands start without it.
      const { reportEed } = require("../report") as typeof import("../report");
      run(reportEed(options));
    });
  return (
    new Command("report")
      .description("reports a regulator asks for: eed, the EU data-centre report")
      .addCommand(eed)
      .addHelpText("after", EXAMPLES)
      // The entry point configures this command (exit override, captured output) after we return;
      // hand that configuration to the report about to run.
      .hook("preSubcommand", (self, sub) => {
        sub.copyInheritedSettings(self);
      })
  );
}
