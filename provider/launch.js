"use strict";
// Started by ./pulumi-resource-gigafactory-baremetal: runs the provider's TypeScript through tsx.
require("tsx/cjs");
require("./main.ts");
