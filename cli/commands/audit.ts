/** The face of `gigafactory audit`: options, help and examples; the work is loaded only when it runs (`../audit`). */
import { Command } from "commander";
import type { CommandResult } from "../command-result";
import { choiceOption } from "../option-parsers";
import { inventoryOption } from "./inventory-option";

/** The report formats. */
export const AUDIT_FORMATS = ["text", "json", "markdown", "sarif", "junit"] as const;
/** A report format. */
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The jurisdiction modes (`policies/rules`' `Mode`). */
export const AUDIT_MODES = ["eu", "eea"] as const;

const EXAMPLES = `
Examples:
  $ npx gigafactory audit
  $ npx gigafactory audit --format sarif --out audit.sarif
  $ npx gigafactory audit --inventory inventory/fleets/iceland-legacy --mode eea

Exit codes: 0 no mandatory violation, 1 mandatory violations or an invalid inventory, 2 usage, 3 internal error.`;

/** Registers the command. */
export function auditCommand(run: (result: CommandResult) => void): Command {
  return new Command("audit")
    .description("evaluate every policy on the fleet and report violations and EU data-centre KPIs")
    .addOption(inventoryOption())
    .option("--mode <mode>", `jurisdiction boundary: ${AUDIT_MODES.join(" | ")} (default: the fleet's policy.mode)`, choiceOption("mode", AUDIT_MODES))
    .option("--format <format>", `output format: ${AUDIT_FORMATS.join(" | ")}`, choiceOption("format", AUDIT_FORMATS), "text")
    .option("--out <file>", "write the report to this file instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action((options) => {
      // Loaded only now, so that the other commands start without it.
      const { audit } = require("../audit") as typeof import("../audit");
      run(audit(options));
    });
}
