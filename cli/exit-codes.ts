/**
 * Exit codes of every command, decided only at the entry point (`index.ts`). Each meaning has its
 * own code, the same in every command:
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | success: a valid inventory, no mandatory violation, stacks up to date, the BMC did it |
 * | 1 | findings: an invalid inventory, mandatory violations, stack files that drifted |
 * | 2 | usage: unknown command or option, a bad option value, a missing credential variable |
 * | 3 | internal error: a bug in gigafactory (one line; the stack trace with `--debug`) |
 * | 4 | an operation on a device failed: a BMC refused, rejected the credentials or did not answer |
 */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** What was checked is wrong: an invalid inventory, mandatory violations, drifted stack files. */
  Findings: 1,
  /** The command line is wrong: unknown command, option or value, a missing variable. */
  Usage: 2,
  /** A bug: an error no command expected. */
  Internal: 3,
  /** An operation on a device failed (a BMC refused or did not answer). */
  DeviceFailed: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
