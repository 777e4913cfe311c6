/**
 * The `gigafactory` command line. This file only assembles the commands; each lives in its own
 * file and returns a result, and the exit code is decided here alone.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { InvalidChoice } from "./defaults";
import { ExitCode, UsageError, type CommandResult } from "./exit-codes";
import { auditCommand } from "./audit";
import { bmcCommand } from "./bmc";
import { stacksCommand } from "./stacks";
import { validateCommand } from "./validate";

/** Runs the command line with `argv` (without node and script) and returns what to print and the exit code. */
export async function main(argv: readonly string[]): Promise<CommandResult> {
  let result: CommandResult | undefined;
  const run = (r: CommandResult) => {
    result = r;
  };
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command("gigafactory")
    .description("Infrastructure as code for a European AI gigafactory")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) })
    .showHelpAfterError(false);
  for (const command of [validateCommand(run), auditCommand(run), stacksCommand(run), bmcCommand(run)]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) }));
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      const ok = e.exitCode === 0;
      return { exitCode: ok ? ExitCode.Ok : ExitCode.Usage, stdout: out.join(""), stderr: err.join("") };
    }
    if (e instanceof UsageError || e instanceof InvalidChoice || e instanceof InvalidArgumentError) {
      return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: ${e.message}\n` };
    }
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: ${(e as Error).message}\n` };
  }
  return result ?? { exitCode: ExitCode.Usage, stdout: out.join(""), stderr: err.join("") || "error: no command given\n" };
}

/** The process entry point: runs `main` on the process arguments, prints and sets the exit code. */
export async function runCli(): Promise<void> {
  const r = await main(process.argv.slice(2));
  process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}
