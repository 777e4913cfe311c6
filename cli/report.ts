/**
 * `gigafactory report eed`: the EU data-centre report of a fleet for one calendar year (`eed/`).
 * Hands back Ok (every site that must report has every mandatory field), Findings (a field is
 * missing, or the inventory is invalid) or Usage (an unknown site, an unwritable `--out`); the
 * exit code is decided in `index.ts`. Files in the report are relative to the repository root.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import type { CommandResult } from "./command-result";
import type { EedFormat } from "./commands/report";
import { eedReport, type EedReport } from "./eed/record";
import { renderEedCsv } from "./eed/render-csv";
import { renderEedJson } from "./eed/render-json";
import { renderEedMarkdown } from "./eed/render-markdown";
import { ExitCode } from "./exit-codes";
import { reportRoot } from "./report-root";
import { UsageError } from "./usage-error";

/** The options of `gigafactory report eed`. */
export interface ReportEedOptions {
  readonly inventory: string;
  readonly site?: string;
  /** @default the previous calendar year */
  readonly year?: number;
  readonly format: EedFormat;
  readonly out?: string;
}

const RENDERERS: Record<EedFormat, (report: EedReport) => string> = { json: renderEedJson, csv: renderEedCsv, markdown: renderEedMarkdown };

/** One line saying what the report holds: `complete: 3 sites report for 2025, due 2026-05-15`. */
export function eedVerdict(report: EedReport): string {
  const reporting = report.sites.filter((s) => s.mustReport).length;
  const missing = report.sites.flatMap((s) => s.missing.map((m) => `${s.site} ${m.key}`));
  const head = `${reporting} of ${report.sites.length} ${report.sites.length === 1 ? "site reports" : "sites report"} for ${report.period.year}, due ${report.dueDate}`;
  return missing.length === 0 ? `complete: ${head}` : `incomplete: ${head}; missing ${missing.join(", ")}`;
}

/** Builds and renders the report; no printing, no exiting. */
export function reportEed(options: ReportEedOptions, cwd: string = process.cwd(), now: Date = new Date()): CommandResult {
  const dir = resolve(cwd, options.inventory);
  const loaded = loadFleet(dir, { cwd: reportRoot(dir, cwd) });
  if (!loaded.fleet) {
    const lines = loaded.problems.map(formatProblem);
    lines.push(`invalid inventory: ${loaded.problems.length} ${loaded.problems.length === 1 ? "problem" : "problems"}; no report`);
    return { exitCode: ExitCode.Findings, stdout: "", stderr: `${lines.join("\n")}\n` };
  }
  if (options.site !== undefined && !loaded.fleet.sites.some((e) => e.site.id === options.site)) {
    throw new UsageError(`--site ${options.site}: no such site in ${loaded.fleet.name} (${loaded.fleet.sites.map((e) => e.site.id).join(", ")})`);
  }
  const report = eedReport(loaded.fleet, loaded.expanded, options.year ?? now.getUTCFullYear() - 1, options.site);
  const exitCode = report.complete ? ExitCode.Ok : ExitCode.Findings;
  const rendered = RENDERERS[options.format](report);
  const verdict = eedVerdict(report);
  if (options.out === undefined) return { exitCode, stdout: rendered, ...(report.complete ? {} : { stderr: `${verdict}\n` }) };
  try {
    writeFileSync(resolve(cwd, options.out), rendered);
  } catch (e) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: cannot write the report to ${options.out}: ${(e as Error).message}\n` };
  }
  return { exitCode, stdout: `${verdict}; ${options.format} report written to ${options.out}\n` };
}
