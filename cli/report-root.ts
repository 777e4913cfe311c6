/**
 * The directory every path in a report is relative to: the root of the git repository that holds
 * the inventory, else the working directory. So a report reads the same from any directory, and
 * SARIF uploads find their files.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/** The repository root above `path` (a directory or file), or `cwd` when `path` is in no repository. */
export function reportRoot(path: string, cwd: string = process.cwd()): string {
  for (let dir = resolve(cwd, path); ; dir = dirname(dir)) {
    // `.git` is a directory in a clone and a file in a worktree or submodule.
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/** `path` as a report shows it: relative to `root` when inside it, else absolute. */
export function shownPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
