#!/usr/bin/env node
"use strict";
// Entry point for `npx gigafactory`: runs the compiled command line in dist/, built by
// `npm run build` (which `npm ci` runs through `prepare`, and `npm test` through `pretest`).
// When dist/ is missing or older than a source, runs the TypeScript sources through tsx instead
// and says so on stderr: stale code never runs.
const { join } = require("node:path");
const { ENTRY, staleness } = require("./fresh-build");

const root = join(__dirname, "..");
const stale = staleness(root);
if (stale === undefined) {
  require(join(root, ENTRY)).runCli();
} else {
  process.stderr.write(`gigafactory: ${stale}; running the TypeScript sources through tsx (a slower start; \`npm run build\` compiles them)\n`);
  require("tsx/cjs");
  require("../cli/index.ts").runCli();
}
