import type { ExitCode } from "./exit-codes";

/** What a command hands back to the entry point: its exit code and the text to print. */
export interface CommandResult {
  readonly exitCode: ExitCode;
  readonly stdout: string;
  readonly stderr?: string;
}
