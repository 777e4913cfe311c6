/** Runs the real `gigafactory` executable (bin/gigafactory.js, the compiled build) in a child process. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The project root. */
export const ROOT = join(__dirname, "..", "..");
/** The executable `npx gigafactory` runs. */
export const BIN = join(ROOT, "bin", "gigafactory.js");

/** Runs `gigafactory args…` with the node running the tests, from `cwd` (the project root by default). */
export function gigafactory(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
