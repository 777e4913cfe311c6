/**
 * `gigafactory audit`: every policy rule on every site of the fleet, without Pulumi credentials or
 * a network, rendered for auditors (text, JSON, Markdown, SARIF, JUnit). Exit codes are decided in
 * `index.ts`: this command hands back Ok (no mandatory violation), Findings (an invalid inventory or
 * mandatory violations) or Usage (an unwritable `--out`). Files in the report are relative to the
 * repository root.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import { auditFleet, type AuditReport } from "../policies/audit";
import type { Mode } from "../policies/rules";
import type { CommandResult } from "./command-result";
import type { AuditFormat } from "./commands/audit";
import { ExitCode } from "./exit-codes";
import { plural, verdict } from "./reports/common";
import { renderJson } from "./reports/json";
import { renderJunit } from "./reports/junit";
import { renderMarkdown } from "./reports/markdown";
import { renderSarif } from "./reports/sarif";
import { renderText } from "./reports/text";
import { reportRoot } from "./report-root";

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

/** Audits the fleet and renders the report; no printing, no exiting. */
export function audit(options: AuditOptions, cwd: string = process.cwd()): CommandResult {
  const dir = resolve(cwd, options.inventory);
  const loaded = loadFleet(dir, { cwd: reportRoot(dir, cwd) });
  if (!loaded.fleet) {
    const lines = loaded.problems.map(formatProblem);
    lines.push(`invalid inventory: ${plural(loaded.problems.length, "problem")}; nothing audited`);
    return { exitCode: ExitCode.Findings, stdout: "", stderr: `${lines.join("\n")}\n` };
  }
  const report = auditFleet(loaded.fleet, loaded.expanded, options.mode !== undefined ? { mode: options.mode } : {});
  const exitCode = report.compliant ? ExitCode.Ok : ExitCode.Findings;
  const rendered = RENDERERS[options.format](report);
  if (options.out === undefined) return { exitCode, stdout: rendered };
  try {
    writeFileSync(resolve(cwd, options.out), rendered);
  } catch (e) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: cannot write the report to ${options.out}: ${(e as Error).message}\n` };
  }
  return { exitCode, stdout: `${verdict(report)}; ${options.format} report written to ${options.out}\n` };
}
