/**
 * The inventory as it was at a git revision: `git archive` of the fleet directory at that
 * revision, unpacked into a temporary directory that the caller removes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** The fleet directory at `ref`: `dir` (absent when the fleet did not exist then) and `remove()`. */
export interface FleetAtRef {
  readonly dir?: string;
  readonly remove: () => void;
}

/** A revision git does not know, or a directory outside any repository: a usage error. */
export class RevisionError extends Error {
  override readonly name = "RevisionError";
}

function git(cwd: string, args: readonly string[], input?: Buffer) {
  return spawnSync("git", args, { cwd, maxBuffer: 1 << 30, ...(input ? { input } : {}) });
}

/** Unpacks fleet directory `fleetDir` as it was at `ref` of the repository holding it. */
export function fleetAtRef(fleetDir: string, ref: string): FleetAtRef {
  const top = git(fleetDir, ["rev-parse", "--show-toplevel"]);
  if (top.status !== 0) throw new RevisionError(`--since needs the inventory in a git repository; ${fleetDir} is in none`);
  const root = top.stdout.toString().trim();
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (commit.status !== 0) throw new RevisionError(`--since ${ref}: no such revision in ${root}`);
  const prefix = relative(root, fleetDir) || ".";
  const tmp = mkdtempSync(join(tmpdir(), "gigafactory-plan-"));
  const remove = () => rmSync(tmp, { recursive: true, force: true });
  const sha = commit.stdout.toString().trim();
  const listed = git(root, ["ls-tree", "-d", "--name-only", sha, "--", prefix]);
  if (prefix !== "." && listed.stdout.toString().trim() === "") return { remove };
  const archive = git(root, ["archive", "--format=tar", sha, "--", prefix]);
  const untar = archive.status === 0 ? spawnSync("tar", ["-x", "-C", tmp], { input: archive.stdout }) : undefined;
  if (archive.status !== 0 || untar?.status !== 0) {
    remove();
    throw new RevisionError(`--since ${ref}: cannot unpack ${prefix}: ${(archive.stderr.toString() || untar?.stderr.toString() || "").trim()}`);
  }
  return { dir: join(tmp, prefix), remove };
}
