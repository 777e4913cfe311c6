/**
 * The `gigafactory` command line. This file only assembles the commands (each in `commands/`,
 * whose work is loaded only when it runs) and decides the exit code, the same way for every
 * command (`exit-codes.ts`): findings 1, usage errors 2, internal errors 3 with a one-line message
 * (the stack trace only with `--debug`), a failed device 4.
 */
import { Command, CommanderError } from "commander";
import type { CommandResult } from "./command-result";
import { auditCommand } from "./commands/audit";
import { bmcCommand } from "./commands/bmc";
import { reportCommand } from "./commands/report";
import { planCommand } from "./commands/plan";
import { stacksCommand } from "./commands/stacks";
import { validateCommand } from "./commands/validate";
import { ExitCode } from "./exit-codes";
import { projectVersion } from "./project-root";
import { UsageError } from "./usage-error";

/** The flag that adds the stack trace to an internal error, accepted anywhere on the command line. */
export const DEBUG_FLAG = "--debug";

const EXAMPLES = `
Examples:
  $ npx gigafactory validate                       # the sample 100,000-GPU fleet
  $ npx gigafactory audit --format markdown        # every policy, with the EU KPI sheet
  $ npx gigafactory report eed --year 2025         # the EU data-centre report, every value traced
  $ npx gigafactory stacks --check                 # stack files match the inventory
  $ npx gigafactory plan --since HEAD --format markdown  # what a change does to the fleet
  $ npx gigafactory validate --help                # a command's options

Exit codes (every command): 0 success, 1 findings (invalid inventory, mandatory violations, drift),
2 usage, 3 internal error (a bug; --debug prints the stack trace), 4 a device (BMC) failed.`;

/** A command's registration: builds the command, which hands its result to `run`. */
export type CommandFactory = (run: (result: CommandResult) => void) => Command;

/** The commands, in the order `--help` lists them. */
export const COMMANDS: readonly CommandFactory[] = [validateCommand, auditCommand, reportCommand, stacksCommand, planCommand, bmcCommand];

/**
 * Runs the command line with `argv` (without node and script) and returns what to print and the
 * exit code. `commands` is there for tests that need a command of their own.
 */
export async function main(argv: readonly string[], commands: readonly CommandFactory[] = COMMANDS): Promise<CommandResult> {
  const debug = argv.includes(DEBUG_FLAG);
  let result: CommandResult | undefined;
  const run = (r: CommandResult) => {
    result = r;
  };
  const out: string[] = [];
  const err: string[] = [];
  const output = { writeOut: (s: string) => out.push(s), writeErr: (s: string) => err.push(s) };
  const program = new Command("gigafactory")
    .description("Infrastructure as code for a European AI gigafactory: validate, audit and plan the fleet; drive BMCs")
    .version(projectVersion(), "-V, --version", "print the version")
    .option(DEBUG_FLAG, "print the stack trace of an internal error")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput(output)
    .showHelpAfterError(false);
  for (const command of commands) {
    program.addCommand(command(run).exitOverride().configureOutput(output));
  }
  try {
    await program.parseAsync(
      argv.filter((a) => a !== DEBUG_FLAG),
      { from: "user" },
    );
  } catch (e) {
    if (e instanceof CommanderError) return { exitCode: e.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage, stdout: out.join(""), stderr: err.join("") };
    if (e instanceof UsageError) return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: ${e.message}\n` };
    return internalError(e, debug);
  }
  return result ?? { exitCode: ExitCode.Usage, stdout: out.join(""), stderr: err.join("") || "error: no command given (gigafactory --help lists them)\n" };
}

/** An error no command expected: one line naming it as a bug, the stack trace only with `--debug`. */
export function internalError(e: unknown, debug: boolean): CommandResult {
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  const trace = debug && e instanceof Error && e.stack ? `${e.stack}\n` : "";
  const hint = debug ? "" : ` (run again with ${DEBUG_FLAG} for the stack trace)`;
  return { exitCode: ExitCode.Internal, stdout: "", stderr: `internal error: ${message}; this is a bug in gigafactory${hint}\n${trace}` };
}

/** The process entry point: runs `main` on the process arguments, prints and sets the exit code. */
export async function runCli(): Promise<void> {
  const argv = process.argv.slice(2);
  const r = await main(argv).catch((e: unknown) => internalError(e, argv.includes(DEBUG_FLAG)));
  process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}
