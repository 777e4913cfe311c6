/**
 * `gigafactory audit`: every policy rule on every site of the fleet, without Pulumi credentials or
 * a network, rendered for auditors (text, JSON, Markdown, SARIF, JUnit). Exit codes are decided in
 * `index.ts`: this command hands back Ok (no mandatory violation), Findings (mandatory violations)
 * or Usage (bad options, an invalid inventory, an unwritable `--out`).
 */
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import { auditFleet, type AuditReport } from "../policies/audit";
import type { Mode } from "../policies/rules";
import { DEFAULT_INVENTORY, formatOption, InvalidChoice } from "./defaults";
import { ExitCode, type CommandResult } from "./exit-codes";
import { plural, verdict } from "./reports/common";
import { renderJson } from "./reports/json";
import { renderJunit } from "./reports/junit";
import { renderMarkdown } from "./reports/markdown";
import { renderSarif } from "./reports/sarif";
import { renderText } from "./reports/text";

/** The report formats. */
export const AUDIT_FORMATS = ["text", "json", "markdown", "sarif", "junit"] as const;
/** A report format. */
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The jurisdiction modes. */
export const AUDIT_MODES = ["eu", "eea"] as const;

/** The options of `gigafactory audit`. */
export interface AuditOptions {
  readonly inventory: string;
  /** Overrides the fleet's `policy.mode`. */
  readonly mode?: Mode;
  readonly format: AuditFormat;
  /** Writes the report to this file instead of stdout. */
  readonly out?: string;
}

const RENDERERS: Record<AuditFormat, (report: AuditReport) => string> = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  sarif: renderSarif,
  junit: renderJunit,
};

/** Parses `--mode`. */
export function modeOption(value: string): Mode {
  if (!(AUDIT_MODES as readonly string[]).includes(value)) throw new InvalidChoice(`mode must be one of: ${AUDIT_MODES.join(", ")} (got "${value}")`);
  return value as Mode;
}

/** Audits the fleet and renders the report; no printing, no exiting. */
export function audit(options: AuditOptions): CommandResult {
  const loaded = loadFleet(options.inventory);
  if (!loaded.fleet) {
    const lines = loaded.problems.map(formatProblem);
    lines.push(`invalid inventory: ${plural(loaded.problems.length, "problem")}; nothing audited`);
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `${lines.join("\n")}\n` };
  }
  const report = auditFleet(loaded.fleet, loaded.expanded, options.mode !== undefined ? { mode: options.mode } : {});
  const exitCode = report.compliant ? ExitCode.Ok : ExitCode.Findings;
  const rendered = RENDERERS[options.format](report);
  if (options.out === undefined) return { exitCode, stdout: rendered };
  try {
    writeFileSync(options.out, rendered);
  } catch (e) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: cannot write the report to ${options.out}: ${(e as Error).message}\n` };
  }
  return { exitCode, stdout: `${verdict(report)}; ${options.format} report written to ${options.out}\n` };
}

/** Registers the command. */
export function auditCommand(run: (result: CommandResult) => void): Command {
  return new Command("audit")
    .description("evaluate every policy on the fleet and report violations and EU data-centre KPIs")
    .option("--inventory <dir>", "fleet directory (fleet.yaml and sites/)", DEFAULT_INVENTORY)
    .option("--mode <mode>", `jurisdiction boundary: ${AUDIT_MODES.join(" | ")} (default: the fleet's policy.mode)`, modeOption)
    .option("--format <format>", `output format: ${AUDIT_FORMATS.join(" | ")}`, formatOption(AUDIT_FORMATS), "text")
    .option("--out <file>", "write the report to this file instead of stdout")
    .action((options: AuditOptions) => run(audit(options)));
}
