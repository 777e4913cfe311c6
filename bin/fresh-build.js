"use strict";
// Whether dist/ holds a build of the current sources, checked at every start of `gigafactory`:
// each compiled file against the TypeScript file it came from. A changed source makes the build
// stale, and so does a missing build; a file added since is reached through a changed importer.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

/** The compiled entry point, relative to the project root. */
const ENTRY = join("dist", "cli", "index.js");

/**
 * Why the build in `root/dist` must not run (a sentence naming the first stale file), or
 * undefined when every compiled file is newer than its source.
 */
function staleness(root) {
  const dist = join(root, "dist");
  if (!existsSync(join(root, ENTRY))) return "no build in dist/";
  for (const file of readdirSync(dist, { recursive: true })) {
    if (!file.endsWith(".js")) continue;
    const source = join(root, `${file.slice(0, -3)}.ts`);
    const sourceStat = statSync(source, { throwIfNoEntry: false });
    if (sourceStat !== undefined && sourceStat.mtimeMs > statSync(join(dist, file)).mtimeMs) {
      return `dist/ is older than ${file.slice(0, -3)}.ts`;
    }
  }
  return undefined;
}

module.exports = { ENTRY, staleness };
