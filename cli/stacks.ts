/**
 * `gigafactory stacks`: writes, or with --check verifies, one stack file per site, layer and shard.
 * Only the planned `gigafactory:*` keys are compared and written; what an environment added to a
 * stack file (an `encryptionsalt`, a `secretsprovider`, secret config) is kept.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Command } from "commander";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import { DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD } from "../model/shards";
import { fleetOf, GENERATED_HEADER, matchesPlan, planStacks, renderStackFile, stackFileName } from "../program/stack-plan";
import { DEFAULT_INVENTORY } from "./defaults";
import { ExitCode, type CommandResult } from "./exit-codes";

export interface StacksOptions {
  readonly inventory: string;
  readonly out: string;
  readonly check: boolean;
}

/** Plans the stacks and writes them (or compares them with what is there, with `check`). */
export function stacks(options: StacksOptions, projectDir: string = join(__dirname, "..")): CommandResult {
  const result = loadFleet(options.inventory);
  if (!result.fleet) return { exitCode: ExitCode.Usage, stdout: "", stderr: `${result.problems.map(formatProblem).join("\n")}\n` };
  const fleetDir = relative(projectDir, options.inventory) || ".";
  const planned = planStacks(fleetDir, result.expanded, DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD);
  const wanted = new Map(planned.map((s) => [stackFileName(s), s]));
  const generated = existsSync(options.out)
    ? readdirSync(options.out).filter((f) => /^Pulumi\..+\.yaml$/.test(f) && readFileSync(join(options.out, f), "utf8").startsWith(GENERATED_HEADER))
    : [];
  const stale = generated.filter((f) => !wanted.has(f) && isOfFleet(join(options.out, f), fleetDir));
  const existing = (f: string) => (existsSync(join(options.out, f)) ? readFileSync(join(options.out, f), "utf8") : undefined);
  const changed = [...wanted].filter(([f, stack]) => !matchesPlan(existing(f) ?? "", stack)).map(([f]) => f);
  if (options.check) {
    if (changed.length === 0 && stale.length === 0) return { exitCode: ExitCode.Ok, stdout: `${planned.length} stacks up to date\n` };
    const lines = [...changed.map((f) => `out of date: ${join(options.out, f)}`), ...stale.map((f) => `stale: ${join(options.out, f)}`)];
    return { exitCode: ExitCode.Findings, stdout: `${lines.join("\n")}\nrun \`npx gigafactory stacks\` to regenerate\n` };
  }
  mkdirSync(options.out, { recursive: true });
  for (const f of changed) writeFileSync(join(options.out, f), renderStackFile(wanted.get(f)!, existing(f)));
  for (const f of stale) rmSync(join(options.out, f));
  return { exitCode: ExitCode.Ok, stdout: `${planned.length} stacks: ${changed.length} written, ${stale.length} removed\n` };
}

/** Whether a generated stack file belongs to the fleet being planned (other fleets' files are left alone). */
function isOfFleet(file: string, fleetDir: string): boolean {
  return fleetOf(readFileSync(file, "utf8")) === fleetDir;
}

/** Registers the command. */
export function stacksCommand(run: (result: CommandResult) => void): Command {
  return new Command("stacks")
    .description("write one Pulumi stack file per site, layer and shard (or --check that they are up to date)")
    .option("--inventory <dir>", "fleet directory", DEFAULT_INVENTORY)
    .option("--out <dir>", "where the stack files go", join(__dirname, "..", "stacks"))
    .option("--check", "change nothing; exit 1 when a file is missing, different or stale", false)
    .action((options: StacksOptions) => run(stacks(options)));
}
