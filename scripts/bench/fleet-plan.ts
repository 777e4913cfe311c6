/**
 * Child of `npm run bench`: `gigafactory plan` of every stack and layer of the sample fleet as built
 * (`dist/`, the code `npx gigafactory` runs), with one worker per CPU: `fleet <factor>` plans the
 * fleet grown by a factor (1: as it is), `since-one-rack` plans a change of one rack with `--since`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_FLEET } from "../../inventory/fleets/default";
import { grownFleet } from "./grown-fleet";
import { figure, peakRssMb } from "./measure";

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, DEFAULT_FLEET);
const dist = (module: string): unknown => require(join(ROOT, "dist", module));
const { codeDigest } = dist("plan/task.js") as typeof import("../../plan/task");
const { planFleet, prepareFleet } = dist("plan/fleet-plan.js") as typeof import("../../plan/fleet-plan");
const { plan } = dist("cli/plan.js") as typeof import("../../cli/plan");

const [mode = "fleet", arg = "1"] = process.argv.slice(2);
const jobs = availableParallelism();

async function fleet(factor: number): Promise<void> {
  const dir = factor === 1 ? SAMPLE : grownFleet(SAMPLE, factor);
  try {
    const start = process.hrtime.bigint();
    const prepared = prepareFleet(dir, dir, ROOT, codeDigest(ROOT));
    if ("problems" in prepared) throw new Error(`the fleet grown by ${factor} is invalid: ${prepared.problems.length} problems`);
    const stats = { workerPeakRssMb: 0 };
    const planned = await planFleet(prepared.fleet, jobs, () => true, undefined, stats);
    figure("s", Number(process.hrtime.bigint() - start) / 1e9);
    figure("stacks", planned.stacks.length, 0);
    figure(
      "resources",
      planned.stacks.reduce((n, s) => n + s.resources.length, 0),
      0,
    );
    figure("worker-peak-rss-mb", stats.workerPeakRssMb);
    figure("parent-peak-rss-mb", peakRssMb());
  } finally {
    if (dir !== SAMPLE) rmSync(dir, { recursive: true, force: true });
  }
}

async function sinceOneRack(): Promise<void> {
  const repo = mkdtempSync(join(tmpdir(), "gigafactory-bench-repo-"));
  try {
    const fleetDir = join(repo, "fleet");
    cpSync(SAMPLE, fleetDir, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", ...args], { cwd: repo, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "fleet");
    const site = join(fleetDir, "sites", "riga-1.yaml");
    writeFileSync(site, readFileSync(site, "utf8").replace("{ type: hgx4, from: 1, count: 500 }", "{ type: hgx4, from: 1, count: 501 }"));
    const start = process.hrtime.bigint();
    const r = await plan({ inventory: fleetDir, since: "HEAD", jobs, format: "json" });
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    const { changes } = JSON.parse(r.stdout) as import("../../cli/plan").PlanJson;
    if (!changes || changes.stacks.touched.length === 0) throw new Error(`one rack touched no stack: ${r.stderr}`);
    figure("s", s);
    figure("touched-stacks", changes.stacks.touched.length, 0);
    figure("untouched-stacks", changes.stacks.untouched, 0);
    figure("added", changes.added.length, 0);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

void (mode === "since-one-rack" ? sinceOneRack() : fleet(Number(arg)));
