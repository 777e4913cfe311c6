#!/usr/bin/env node
"use strict";
// Entry point for `npx gigafactory`: runs the TypeScript command line through tsx.
require("tsx/cjs");
require("../cli/index.ts").runCli();
