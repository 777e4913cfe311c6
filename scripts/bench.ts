/**
 * `npm run bench`: every performance figure the issues ask for, each on a line of its own as
 * `name: value`. Each measurement runs in a child process of its own so that peak RSS and cold
 * timings are not polluted by the others; ratios compare figures taken in this same run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sshLabMissing } from "./lab/ssh-nodes";

/** Runs a benchmark child and returns its `name: value` figures. */
function child(script: string, ...args: string[]): Map<string, number> {
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join(__dirname, "bench", script), ...args], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  if (r.stderr) process.stderr.write(r.stderr);
  const figures = new Map<string, number>();
  for (const line of r.stdout.split("\n")) {
    const m = /^([a-z0-9-]+): (-?[\d.]+)$/.exec(line.trim());
    if (m) figures.set(m[1]!, Number(m[2]));
  }
  return figures;
}

function get(figures: Map<string, number>, name: string): number {
  const value = figures.get(name);
  if (value === undefined) throw new Error(`benchmark figure ${name} missing`);
  return value;
}

function print(name: string, value: number, decimals = 1): void {
  console.log(`${name}: ${value.toFixed(decimals)}`);
}

/** Best of `n` children for timings, to keep one noisy run from deciding a figure. */
function bestOf(n: number, script: string, ...args: string[]): Map<string, number> {
  const runs = Array.from({ length: n }, () => child(script, ...args));
  const best = new Map<string, number>();
  for (const run of runs) for (const [k, v] of run) best.set(k, Math.min(best.get(k) ?? Infinity, v));
  return best;
}

function inventory(): void {
  const ours = bestOf(3, "inventory.ts", "ours");
  const base = bestOf(3, "inventory.ts", "baseline");
  print("inventory-load-ms", get(ours, "ours-cold-ms"));
  print("inventory-load-warm-ms", get(ours, "ours-warm-ms"));
  print("inventory-peak-rss-mb", get(ours, "ours-peak-rss-mb"));
  print("inventory-baseline-ms", get(base, "baseline-cold-ms"));
  print("inventory-vs-baseline-ratio", get(ours, "ours-cold-ms") / get(base, "baseline-cold-ms"), 2);
  print("inventory-vs-baseline-warm-ratio", get(ours, "ours-warm-ms") / get(base, "baseline-warm-ms"), 2);
}

/**
 * Stacks each site-stack child builds after loading the fleet once, as a plan worker does (it
 * builds about 40: the sample fleet's 83 stacks on 2 workers).
 */
const STACKS_PER_WORKER = "4";

function siteStack(): void {
  const ours = bestOf(3, "site-stack.ts", "ours", "riga-1", "0", STACKS_PER_WORKER);
  const resources = get(ours, "resources");
  const bare = bestOf(3, "site-stack.ts", "bare", "riga-1", String(resources), STACKS_PER_WORKER);
  print("site-stack-resources", resources, 0);
  print("site-stack-ms", get(ours, "ms"));
  print("site-stack-peak-rss-mb", get(ours, "peak-rss-mb"));
  print("sdk-baseline-ms", get(bare, "ms"));
  print("sdk-overhead-ratio", get(ours, "ms") / get(bare, "ms"), 2);
  // The same run split: loading and checking the fleet once, then planning and registering each stack.
  print("site-stack-inventory-ms", get(ours, "inventory-ms"));
  print("site-stack-build-ms", get(ours, "build-ms"));
  print("sdk-overhead-build-ratio", get(ours, "build-ms") / get(bare, "ms"), 2);
}

/**
 * `gigafactory plan` of every stack and layer of the sample fleet (goal: at most 60 s on 2 cores,
 * 1.5 GB per worker), of the fleet grown by 10 % and 50 %, and of a change of one rack.
 */
function fleetPlan(): void {
  const fleet = child("fleet-plan.ts", "fleet", "1");
  print("fleet-plan-stacks", get(fleet, "stacks"), 0);
  print("fleet-plan-resources", get(fleet, "resources"), 0);
  print("fleet-plan-s", get(fleet, "s"));
  print("fleet-plan-peak-rss-mb", get(fleet, "worker-peak-rss-mb"));
  print("fleet-plan-parent-peak-rss-mb", get(fleet, "parent-peak-rss-mb"));
  print("fleet-plan-10pct-s", get(child("fleet-plan.ts", "fleet", "1.1"), "s"));
  print("fleet-plan-50pct-s", get(child("fleet-plan.ts", "fleet", "1.5"), "s"));
  const since = child("fleet-plan.ts", "since-one-rack");
  print("plan-since-one-rack-s", get(since, "s"));
  print("plan-since-one-rack-stacks", get(since, "touched-stacks"), 0);
}

/** `gigafactory --version` from spawn to exit, against `node -e 0` (needs `npm run build`). */
function cliStart(): void {
  const figures = child("cli-start.ts");
  print("cli-start-ms", get(figures, "cli-start-ms"));
  print("cli-start-rss-mb", get(figures, "cli-start-rss-mb"));
  print("node-start-ms", get(figures, "node-start-ms"));
  print("node-start-rss-mb", get(figures, "node-start-rss-mb"));
  print("cli-start-ratio", get(figures, "cli-start-ms") / get(figures, "node-start-ms"), 2);
}

/** The documents of every switch of a 20,000-node Ethernet fabric (was a 3 s bound in the unit tests). */
function fabric(): void {
  const best = bestOf(3, "fabric.ts");
  print("fabric-switches", get(best, "switches"), 0);
  print("fabric-ports", get(best, "ports"), 0);
  print("fabric-documents-ms", get(best, "ms"));
  // riga-1's compute fabric wired for halls (growth: halls): every switch's document.
  print("fabric-halls-switches", get(best, "halls-switches"), 0);
  print("fabric-halls-documents-ms", get(best, "halls-ms"));
}

/** The loopback control plane: the lab's three nodes, then 1,000 nodes of riga-1's ledger. Needs `npm run tools`. */
function cluster(): void {
  if (!existsSync(join(__dirname, "..", ".tools", "cluster", "bin", "kueue"))) {
    console.error("bench: cluster-* not measured: the control plane is not built (npm run tools)");
    return;
  }
  const lab = child("cluster.ts");
  print("cluster-lab-up-s", get(lab, "up-s"));
  const riga = child("cluster.ts", join(__dirname, "..", "inventory", "fleets", "nordic-baltic"), "riga-1", "1000");
  print("cluster-riga-1000-nodes", get(riga, "nodes"), 0);
  print("cluster-riga-1000-up-s", get(riga, "up-s"));
}

/**
 * riga-1's Kubernetes stack applied by the engine to the control plane with 1,000 of riga-1's
 * nodes, then 20 Jobs admitted by Kueue one after another. Needs `npm run tools`.
 */
function k8s(): void {
  if (!existsSync(join(__dirname, "..", ".tools", "cluster", "bin", "kueue")) || !existsSync(join(__dirname, "..", ".tools", "bin", "pulumi"))) {
    console.error("bench: k8s-* and kueue-admit-ms not measured: the control plane or the engine is not built (npm run tools)");
    return;
  }
  const figures = child("k8s-layer.ts", "1000", "20");
  print("k8s-nodes", get(figures, "k8s-nodes"), 0);
  print("k8s-layer-objects", get(figures, "k8s-layer-objects"), 0);
  print("k8s-up-s", get(figures, "k8s-up-s"));
  print("kueue-admit-ms", get(figures, "kueue-admit-ms"));
}

/**
 * 500 simulated IPMI BMCs powered on through the bare-metal provider's code path, against plain
 * ipmitool loops at the same parallelism in the same run (`power on` alone: the ratio; read, on,
 * read back: the second ratio); then inspected. Needs ipmi_sim and ipmitool.
 */
function bmc(): void {
  if (spawnSync("sh", ["-c", "command -v ipmi_sim && command -v ipmitool"]).status !== 0) {
    console.error("bench: bmc-* not measured: ipmi_sim or ipmitool is missing (apt-get install -y openipmi ipmitool)");
    return;
  }
  const figures = child("bmc.ts", "500");
  print("bmc-power-500-s", get(figures, "bmc-power-500-s"), 2);
  print("bmc-parallelism", get(figures, "bmc-parallelism"), 0);
  print("ipmitool-on-only-500-s", get(figures, "ipmitool-on-only-500-s"), 2);
  print("bmc-vs-ipmitool-ratio", get(figures, "bmc-vs-ipmitool-ratio"), 2);
  print("bmc-vs-ipmitool-on-only-ratio", get(figures, "bmc-vs-ipmitool-on-only-ratio"), 2);
  print("ipmitool-loop-500-s", get(figures, "ipmitool-loop-500-s"), 2);
  print("bmc-vs-ipmitool-read-on-read-ratio", get(figures, "bmc-vs-ipmitool-read-on-read-ratio"), 2);
  if (figures.has("bmc-inspect-500-s")) print("bmc-inspect-500-s", get(figures, "bmc-inspect-500-s"), 2);
}

/** The OS bootstrap over SSH into lab nodes (network namespaces with sshd). Needs root and openssh-server. */
function bootstrap(): void {
  const missing = sshLabMissing();
  if (missing) {
    console.error(`bench: bootstrap-* not measured: ${missing}`);
    return;
  }
  const figures = child("bootstrap.ts", "24", "8");
  print("bootstrap-nodes", get(figures, "nodes"), 0);
  print("bootstrap-parallel", get(figures, "parallel"), 0);
  print("bootstrap-nodes-per-min", get(figures, "nodes-per-min"));
  print("bootstrap-rerun-nodes-per-min", get(figures, "rerun-nodes-per-min"));
}

const suites: Record<string, () => void> = {
  "cli-start": cliStart,
  inventory,
  "site-stack": siteStack,
  fabric,
  "fleet-plan": fleetPlan,
  cluster,
  k8s,
  bmc,
  bootstrap,
};
const only = process.argv.slice(2);
for (const [name, suite] of Object.entries(suites)) {
  if (only.length === 0 || only.includes(name)) suite();
}
