/**
 * The project's root: the nearest directory above this file that holds `package.json`. The same
 * answer whether the command line runs from its TypeScript sources (`cli/`) or compiled
 * (`dist/cli/`, which holds no `package.json`).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The absolute path of the project root. */
export const PROJECT_ROOT = findRoot(__dirname);

/** The project's version, from its `package.json`. */
export function projectVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
