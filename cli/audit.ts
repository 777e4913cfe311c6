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
import { DEFAULT_SETTINGS, type Mode, type PolicyName } from "../policies/rules";
import type { Problem } from "../inventory/problem";
import type { CommandResult } from "./command-result";
import type { AuditFormat } from "./commands/audit";
import { ExitCode } from "./exit-codes";
import { plural, verdict } from "./reports/common";
import { renderJson, renderJsonInvalid } from "./reports/json";
import { renderJunit, renderJunitInvalid } from "./reports/junit";
import { renderMarkdown } from "./reports/markdown";
import { renderSarif, renderSarifInvalid } from "./reports/sarif";
import { renderText } from "./reports/text";
import { reportRoot } from "./report-root";

/** The options of `gigafactory audit`. */
export interface AuditOptions {
  readonly inventory: string;
  /** The one jurisdiction mode setting; `eu` when not given (the fleet's `policy.mode` cannot relax it). */
  readonly mode?: Mode;
  /** Advisory policies to judge as mandatory, e.g. `eed-reporting`. */
  readonly mandatory?: readonly PolicyName[];
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

/** The machine-readable forms of an inventory the loader refused: CI still gets a file with the located errors. */
const INVALID_RENDERERS: Partial<Record<AuditFormat, (problems: readonly Problem[], mode: Mode) => string>> = {
  json: renderJsonInvalid,
  sarif: renderSarifInvalid,
  junit: renderJunitInvalid,
};

/** Audits the fleet and renders the report; no printing, no exiting. */
export function audit(options: AuditOptions, cwd: string = process.cwd()): CommandResult {
  const dir = resolve(cwd, options.inventory);
  const loaded = loadFleet(dir, { cwd: reportRoot(dir, cwd) });
  if (!loaded.fleet) return invalid(loaded.problems, options, cwd);
  const report = auditFleet(loaded.fleet, loaded.expanded, {
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    ...(options.mandatory !== undefined ? { mandatory: options.mandatory } : {}),
  });
  const exitCode = report.compliant ? ExitCode.Ok : ExitCode.Findings;
  return deliver(RENDERERS[options.format](report), exitCode, `${verdict(report)}; ${options.format} report written to ${options.out}\n`, options, cwd);
}

/** The loader's errors on stderr, and in the report's own form where it has one for them. */
function invalid(problems: readonly Problem[], options: AuditOptions, cwd: string): CommandResult {
  const lines = problems.map(formatProblem);
  lines.push(`invalid inventory: ${plural(problems.length, "problem")}; nothing audited`);
  const stderr = `${lines.join("\n")}\n`;
  const render = INVALID_RENDERERS[options.format];
  if (render === undefined) return { exitCode: ExitCode.Findings, stdout: "", stderr };
  const written = deliver(
    render(problems, options.mode ?? DEFAULT_SETTINGS.mode),
    ExitCode.Findings,
    `${options.format} report written to ${options.out}\n`,
    options,
    cwd,
  );
  return { ...written, stderr: `${written.stderr ?? ""}${stderr}` };
}

/** Prints `rendered`, or writes it to `--out` and prints `written`. */
function deliver(rendered: string, exitCode: ExitCode, written: string, options: AuditOptions, cwd: string): CommandResult {
  if (options.out === undefined) return { exitCode, stdout: rendered };
  try {
    writeFileSync(resolve(cwd, options.out), rendered);
  } catch (e) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: cannot write the report to ${options.out}: ${(e as Error).message}\n` };
  }
  return { exitCode, stdout: written };
}
