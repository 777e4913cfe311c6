/** The face of `gigafactory audit`: options, help and examples; the work is loaded only when it runs (`../audit`). */
import { Command, InvalidArgumentError } from "commander";
import { DEFAULT_POLICY, POLICY_MODES } from "../../inventory/schema/fleet";
import type { CommandResult } from "../command-result";
import { choiceOption } from "../option-parsers";
import { inventoryOption } from "./inventory-option";

/** The report formats. */
export const AUDIT_FORMATS = ["text", "json", "markdown", "sarif", "junit"] as const;
/** A report format. */
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The jurisdiction modes (`policies/rules`' `Mode`, from their one home). */
export const AUDIT_MODES = POLICY_MODES;

/** The advisory policies an operator may make mandatory. */
export const MANDATORY_CHOICES = ["eed-reporting", "energy-efficiency"] as const;

const EXAMPLES = `
Examples:
  $ npx gigafactory audit
  $ npx gigafactory audit --format sarif --out audit.sarif
  $ npx gigafactory audit --inventory inventory/fleets/iceland-legacy --mode eea
  $ npx gigafactory audit --mandatory eed-reporting

Exit codes: 0 no mandatory violation, 1 mandatory violations or an invalid inventory, 2 usage, 3 internal error.`;

/** Parses `--mandatory eed-reporting,energy-efficiency`. */
function mandatoryOption(value: string): (typeof MANDATORY_CHOICES)[number][] {
  const names = value.split(",").map((n) => n.trim());
  const unknown = names.filter((n) => !(MANDATORY_CHOICES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`policies must be among: ${MANDATORY_CHOICES.join(", ")} (got "${unknown.join(",")}")`);
  return names as (typeof MANDATORY_CHOICES)[number][];
}

/** Registers the command. */
export function auditCommand(run: (result: CommandResult) => void): Command {
  return new Command("audit")
    .description("evaluate every policy on the fleet and report violations and EU data-centre KPIs")
    .addOption(inventoryOption())
    .option(
      "--mode <mode>",
      `jurisdiction boundary of eu-jurisdiction and data-residency: ${AUDIT_MODES.join(" | ")} (default: ${DEFAULT_POLICY.mode}; the fleet's policy.mode cannot relax it)`,
      choiceOption("mode", AUDIT_MODES),
    )
    .option("--mandatory <policies>", `advisory policies to judge as mandatory, comma-separated: ${MANDATORY_CHOICES.join(", ")}`, mandatoryOption)
    .option("--format <format>", `output format: ${AUDIT_FORMATS.join(" | ")}`, choiceOption("format", AUDIT_FORMATS), "text")
    .option("--out <file>", "write the report to this file instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action((options) => {
      // Loaded only now, so that the other commands start without it.
      const { audit } = require("../audit") as typeof import("../audit");
      run(audit(options));
    });
}
