/**
 * Child of `npm run bench`: how long `gigafactory --version` takes from spawn to exit, and its peak
 * memory, against `node -e 0` spawned the same way in the same run (the floor any Node command
 * line pays). Medians of many spawns, alternating the two so load on the machine hits both alike.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { figure, median } from "./measure";

const ROOT = join(__dirname, "..", "..");
const CLI = [join(ROOT, "bin", "gigafactory.js"), "--version"];
const BARE = ["-e", "0"];
const PEAK_RSS = join(__dirname, "peak-rss.js");
const runs = Number(process.argv[2] ?? "21");

/** Wall milliseconds of one spawn of node with `args`; fails on a non-zero exit or a stale build's note. */
function spawnMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || r.stderr !== "") throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return ms;
}

/** Peak RSS in MB of one spawn of node with `args`. */
function peakRssMb(args: readonly string[]): number {
  const r = spawnSync(process.execPath, ["--require", PEAK_RSS, ...args], { encoding: "utf8" });
  const m = /peak-rss-mb: ([\d.]+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return Number(m[1]);
}

const cli: number[] = [];
const bare: number[] = [];
spawnMs(CLI); // one unmeasured start each: the page cache is warm for both
spawnMs(BARE);
for (let i = 0; i < runs; i++) {
  cli.push(spawnMs(CLI));
  bare.push(spawnMs(BARE));
}
figure("cli-start-ms", median(cli));
figure("node-start-ms", median(bare));
figure("cli-start-rss-mb", median(Array.from({ length: 5 }, () => peakRssMb(CLI))));
figure("node-start-rss-mb", median(Array.from({ length: 5 }, () => peakRssMb(BARE))));
