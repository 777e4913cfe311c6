/**
 * `bootstrap-nodes-per-min`: the OS bootstrap over SSH into N lab nodes (network namespaces with a
 * real sshd, scripts/lab/ssh-nodes.ts) made from the first N nodes of riga-1's ledger: each node's
 * script rendered, copied by SFTP and run in render mode, `parallel` nodes at a time; then the same
 * again, which changes nothing (`bootstrap-rerun-nodes-per-min`). Needs root and OpenSSH's server.
 *
 * Usage: tsx scripts/bench/bootstrap.ts [nodes=24] [parallel=8]
 */
import { join } from "node:path";
import { siteBootstrapNodes } from "../../inventory/bootstrap-nodes";
import { loadFleet } from "../../inventory/load";
import { renderBootstrap } from "../../model/baremetal/bootstrap/bundle";
import type { BootstrapNode } from "../../model/baremetal/bootstrap/node";
import { joinStdin, renderBootstrapScript } from "../../model/baremetal/bootstrap/script";
import { formatAddress, last } from "../../model/ipv4";
import { startSshNodes, type SshLab } from "../lab/ssh-nodes";
import { bootstrapOverSsh } from "../lab/ssh-run";
import { figure } from "./measure";

const TOKEN = "b3nch0.b3nchm4rkt0k3n00";
const CA_HASH = `sha256:${"0b".repeat(32)}`;

/** Bootstraps every node, `parallel` at a time; returns the seconds it took, throwing on a failed node. */
async function bootstrapAll(lab: SshLab, nodes: readonly BootstrapNode[], parallel: number, expectChanges: boolean): Promise<number> {
  const scripts = nodes.map((n) => renderBootstrapScript(renderBootstrap(n, { apiServerEndpoint: "10.17.255.1:6443" })));
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < lab.nodes.length) {
      const i = next++;
      const node = lab.nodes[i]!;
      const target = { address: node.address, user: "root", privateKeyFile: lab.privateKeyFile, knownHostsFile: lab.knownHostsFile };
      const r = await bootstrapOverSsh(target, scripts[i]!, "render", node.root, joinStdin(TOKEN, CA_HASH));
      if (r.code !== 0) throw new Error(`bootstrap of ${node.hostname} failed (${r.code}): ${r.stderr.trim()}`);
      if (expectChanges === /: 0 changed,/.test(r.stdout))
        throw new Error(`bootstrap of ${node.hostname}: unexpected report ${r.stdout.trim().split("\n").pop()}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, nodes.length) }, worker));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 24);
  const parallel = Number(process.argv[3] ?? 8);
  const result = loadFleet(join(__dirname, "..", "..", "inventory", "fleets", "nordic-baltic"), { expand: (id) => id === "riga-1" });
  const riga = result.expanded.find((s) => s.site.id === "riga-1")!;
  const nodes = siteBootstrapNodes(riga, new Set(riga.nodes.slice(0, count).map((n) => n.hostname)));
  const inBand = riga.plan.inBand;
  const lab = await startSshNodes(
    nodes.map((n) => ({ hostname: n.hostname, address: n.inBandIp, prefix: inBand.prefix })),
    { rootAddress: `${formatAddress(last(inBand) - 1)}/${inBand.prefix}` },
  );
  try {
    const first = await bootstrapAll(lab, nodes, parallel, true);
    const again = await bootstrapAll(lab, nodes, parallel, false);
    figure("nodes", nodes.length, 0);
    figure("parallel", parallel, 0);
    figure("nodes-per-min", (nodes.length / first) * 60);
    figure("rerun-nodes-per-min", (nodes.length / again) * 60);
  } finally {
    await lab.stop();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
