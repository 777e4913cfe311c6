/** The simulator processes: started detached with a PID file and a log, recognised, stopped. */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** Starts a process that outlives us, its output in DIR/NAME.log and its PID in DIR/NAME.pid. */
export function daemon(cmd: string, args: readonly string[], dir: string, name: string, env: NodeJS.ProcessEnv): void {
  const log = openSync(join(dir, `${name}.log`), "a");
  try {
    const child = spawn(cmd, args, { cwd: dir, detached: true, stdio: ["ignore", log, log], env });
    if (child.pid === undefined) throw new Error(`cannot start ${cmd}`);
    writeFileSync(join(dir, `${name}.pid`), `${child.pid}\n`);
    child.unref();
  } finally {
    closeSync(log);
  }
}

/** The PID in a PID file, if it holds one. */
export function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` runs (a zombie does not) and is a simulator started for `dir`: one of its arguments
 * is a file under `dir`. A PID file left behind never makes us signal someone else's process.
 */
export function isOurs(pid: number, dir: string): boolean {
  try {
    if (isZombie(pid)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .some((arg) => arg.startsWith(`${dir}/`));
  } catch {
    return false;
  }
}

/** SIGTERM, up to 5 s to exit, then SIGKILL. */
export async function terminate(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 50 && !gone(pid); i++) await sleep(100);
  if (!gone(pid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // it exited meanwhile
    }
  }
}

/** Whether `cmd` is an executable on PATH. */
export function onPath(cmd: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, cmd)));
}

/** The last lines of a log, for error messages. */
export function tail(file: string, lines = 8): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function gone(pid: number): boolean {
  try {
    return isZombie(pid);
  } catch {
    return true;
  }
}

/** Throws when there is no such process. */
function isZombie(pid: number): boolean {
  return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
}
