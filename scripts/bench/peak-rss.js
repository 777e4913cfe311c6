"use strict";
// Preloaded (`node --require`) into a process whose peak memory the bench measures: prints the
// process's peak resident set size, in MB, on stderr as it exits.
process.on("exit", () => {
  process.stderr.write(`\npeak-rss-mb: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
});
