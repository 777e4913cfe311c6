/**
 * The lab's Kubernetes control plane on loopback (see control-plane.ts), with one fake node per
 * ledger line of a site, managed by kwok.
 *
 *   npx tsx scripts/cluster/cluster.ts up [--dir .lab/cluster] [--inventory inventory/fleets/lab] [--site lab-1]
 *   npx tsx scripts/cluster/cluster.ts status [--dir .lab/cluster]
 *   npx tsx scripts/cluster/cluster.ts down [--dir .lab/cluster]
 *
 * `up` keeps a cluster that already runs in the directory (and says so); one that is only partly
 * running is stopped and started afresh. `down` stops every process and removes the directory.
 * The admin kubeconfig is DIR/kubeconfig.
 */
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Command } from "commander";
import { siteNodeFacts } from "../../inventory/kubernetes-nodes";
import { loadFleet } from "../../inventory/load";
import { fakeNode, type NodeManifest } from "../../model/kubernetes/fake-node";
import { COMPONENTS, readControlPlane, running, startControlPlane, stopControlPlane } from "./control-plane";

const ROOT = resolve(__dirname, "..", "..");

/** Where the lab's cluster lives by default. */
export const LAB_CLUSTER_DIR = join(ROOT, ".lab", "cluster");

/** The fake nodes of one site of a fleet: one per ledger line. Throws with the loader's problems. */
export function siteFakeNodes(inventory: string, site: string): NodeManifest[] {
  const result = loadFleet(inventory);
  if (result.problems.length > 0 || !result.fleet) {
    throw new Error(
      `inventory ${inventory} is invalid:\n${result.problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`).join("\n")}`,
    );
  }
  const expanded = result.expanded.find((s) => s.site.id === site);
  if (!expanded) throw new Error(`inventory ${inventory} has no site ${site}; it has ${result.expanded.map((s) => s.site.id).join(", ")}`);
  return siteNodeFacts(expanded).map((f) => fakeNode(f));
}

/** A path as the user reads it: relative when under the working directory, else absolute. */
const show = (p: string) => {
  const rel = relative(process.cwd(), p);
  return rel === "" ? "." : rel.startsWith("..") ? p : rel;
};

async function up(opts: { dir: string; inventory: string; site: string; kueue: boolean }): Promise<void> {
  const dir = resolve(opts.dir);
  const state = readControlPlane(dir);
  if (state) {
    const down = state.components.filter((c) => !running(dir, c));
    if (down.length === 0) {
      console.log(`cluster: already running at ${state.server} (kubeconfig ${show(state.kubeconfig)})`);
      return;
    }
    console.log(`cluster: ${down.join(", ")} not running; starting afresh`);
  }
  await stopControlPlane(dir, { remove: true });
  const nodes = siteFakeNodes(resolve(opts.inventory), opts.site);
  const cp = await startControlPlane({ dir, nodes, kueue: opts.kueue, log: (line) => console.log(`cluster: ${line}`) });
  cp.client.close();
  console.log(`cluster: up in ${(cp.startedInMs / 1000).toFixed(1)} s at ${cp.server}, ${nodes.length} kwok nodes of ${opts.site}`);
  console.log(`cluster: kubeconfig ${show(cp.kubeconfig)}; logs in ${show(join(dir, "run"))}`);
}

function status(dir: string): boolean {
  const state = readControlPlane(resolve(dir));
  if (!state) {
    console.log(`cluster: none in ${show(resolve(dir))}`);
    return false;
  }
  let all = true;
  for (const c of COMPONENTS.filter((c) => state.components.includes(c))) {
    const on = running(resolve(dir), c);
    all &&= on;
    console.log(`${c.padEnd(24)} ${on ? "running" : "stopped"}`);
  }
  console.log(`server ${state.server}, kubeconfig ${show(state.kubeconfig)}`);
  return all;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command("cluster").description("the lab's Kubernetes control plane on loopback").exitOverride();
  let code = 0;
  program
    .command("up")
    .description("start the control plane with one kwok node per ledger line of a site")
    .option("--dir <dir>", "directory of the cluster's files", LAB_CLUSTER_DIR)
    .option("--inventory <dir>", "fleet directory", join(ROOT, "inventory", "fleets", "lab"))
    .option("--site <id>", "site whose ledger gives the nodes", "lab-1")
    .option("--no-kueue", "leave Kueue out")
    .action(async (o: { dir: string; inventory: string; site: string; kueue: boolean }) => up(o));
  program
    .command("status")
    .description("which components run (exit 1 when one is down or there is no cluster)")
    .option("--dir <dir>", "directory of the cluster's files", LAB_CLUSTER_DIR)
    .action((o: { dir: string }) => {
      code = status(o.dir) ? 0 : 1;
    });
  program
    .command("down")
    .description("stop every component and remove the directory")
    .option("--dir <dir>", "directory of the cluster's files", LAB_CLUSTER_DIR)
    .action(async (o: { dir: string }) => {
      await stopControlPlane(o.dir, { remove: true });
      const dir = resolve(o.dir);
      console.log(
        existsSync(dir) ? `cluster: stopped; ${show(dir)} is not a control plane's directory, left as it is` : `cluster: stopped; removed ${show(dir)}`,
      );
    });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message: string };
    if (err.code?.startsWith("commander.")) return err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    console.error(`cluster: ${err.message}`);
    return 1;
  }
  return code;
}

if (require.main === module) {
  main(process.argv).then((code) => process.exit(code));
}
