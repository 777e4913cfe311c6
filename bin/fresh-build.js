"use strict";
// Whether dist/ holds a build of the current sources, checked at every start of `gigafactory`:
// the source of each compiled file against the build's time (its entry point's, since tsc
// rewrites every output). A changed source makes the build stale, and so does a missing build; a
// file added since is reached through a changed importer.
const { readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

/** The compiled entry point, relative to the project root. */
const ENTRY = join("dist", "cli", "index.js");

/**
 * Why the build in `root/dist` must not run (a sentence naming the first stale file), or
 * undefined when it is newer than every source it was compiled from.
 */
function staleness(root) {
  const dist = join(root, "dist");
  const entry = statSync(join(root, ENTRY), { throwIfNoEntry: false });
  if (entry === undefined) return "no build in dist/";
  for (const file of readdirSync(dist, { recursive: true })) {
    if (!file.endsWith(".js")) continue;
    const source = statSync(join(root, `${file.slice(0, -3)}.ts`), { throwIfNoEntry: false });
    if (source !== undefined && source.mtimeMs > entry.mtimeMs) {
      return `dist/ is older than ${file.slice(0, -3)}.ts`;
    }
  }
  return undefined;
}

module.exports = { ENTRY, staleness };
