/**
 * `gigafactory stacks`: writes, or with --check verifies, one stack file per site, layer and shard.
 * Only the planned `gigafactory:*` keys are compared and written; what an environment added to a
 * generated file (an `encryptionsalt`, a `secretsprovider`, secret config) is kept. Paths it prints
 * are relative to the repository root; an invalid inventory is a finding (exit 1).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import { DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD } from "../model/shards";
import { fleetOf, GENERATED_HEADER, matchesPlan, planStacks, renderStackFile, stackFileName } from "../program/stack-plan";
import type { CommandResult } from "./command-result";
import { ExitCode } from "./exit-codes";
import { PROJECT_ROOT } from "./project-root";
import { plural } from "./reports/common";
import { reportRoot, shownPath } from "./report-root";

export interface StacksOptions {
  readonly inventory: string;
  readonly out: string;
  readonly check: boolean;
}

/**
 * Plans the stacks and writes them (or compares them with what is there, with `check`). The fleet
 * is written into the stack files relative to `projectDir`, where the Pulumi program runs.
 */
export function stacks(options: StacksOptions, projectDir: string = PROJECT_ROOT, cwd: string = process.cwd()): CommandResult {
  const inventory = resolve(cwd, options.inventory);
  const out = resolve(cwd, options.out);
  const root = reportRoot(inventory, cwd);
  const result = loadFleet(inventory, { cwd: root });
  if (!result.fleet) {
    const lines = [...result.problems.map(formatProblem), `invalid inventory: ${plural(result.problems.length, "problem")}; no stack planned`];
    return { exitCode: ExitCode.Findings, stdout: "", stderr: `${lines.join("\n")}\n` };
  }
  const fleetDir = relative(projectDir, inventory) || ".";
  const planned = planStacks(fleetDir, result.expanded, DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD);
  const wanted = new Map(planned.map((s) => [stackFileName(s), s]));
  const generated = existsSync(out)
    ? readdirSync(out).filter((f) => /^Pulumi\..+\.yaml$/.test(f) && readFileSync(join(out, f), "utf8").startsWith(GENERATED_HEADER))
    : [];
  const stale = generated.filter((f) => !wanted.has(f) && isOfFleet(join(out, f), fleetDir));
  const existing = (f: string) => (existsSync(join(out, f)) ? readFileSync(join(out, f), "utf8") : undefined);
  const changed = [...wanted].filter(([f, stack]) => !matchesPlan(existing(f) ?? "", stack)).map(([f]) => f);
  if (options.check) {
    if (changed.length === 0 && stale.length === 0) return { exitCode: ExitCode.Ok, stdout: `${planned.length} stacks up to date\n` };
    const shown = (f: string) => shownPath(root, join(out, f));
    const lines = [...changed.map((f) => `out of date: ${shown(f)}`), ...stale.map((f) => `stale: ${shown(f)}`)];
    return { exitCode: ExitCode.Findings, stdout: `${lines.join("\n")}\nrun \`npx gigafactory stacks\` to regenerate\n` };
  }
  try {
    mkdirSync(out, { recursive: true });
    for (const f of changed) writeFileSync(join(out, f), renderStackFile(wanted.get(f)!, existing(f)));
    for (const f of stale) rmSync(join(out, f));
  } catch (e) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: cannot write the stack files to ${options.out}: ${(e as Error).message}\n` };
  }
  return { exitCode: ExitCode.Ok, stdout: `${planned.length} stacks: ${changed.length} written, ${stale.length} removed\n` };
}

/** Whether a generated stack file belongs to the fleet being planned (other fleets' files are left alone). */
function isOfFleet(file: string, fleetDir: string): boolean {
  return fleetOf(readFileSync(file, "utf8")) === fleetDir;
}
