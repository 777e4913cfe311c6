/** Exit codes of every command, decided only at the entry point. */
export const ExitCode = {
  /** Success: valid input, no mandatory finding. */
  Ok: 0,
  /** Findings: invalid input or mandatory violations. */
  Findings: 1,
  /** An operation on a device failed (a BMC refused or did not answer); the same code as findings. */
  Failed: 1,
  /** Usage error: unknown command, option or value. */
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What a command hands back to the entry point: its exit code and the text to print. */
export interface CommandResult {
  readonly exitCode: ExitCode;
  readonly stdout: string;
  readonly stderr?: string;
}

/** A usage error found after parsing (a bad option value); the entry point maps it to exit 2. */
export class UsageError extends Error {}
