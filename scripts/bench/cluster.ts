/**
 * Child of `npm run bench`: the loopback control plane (scripts/cluster) started with the first
 * COUNT nodes of a site's ledger as kwok nodes, Kueue included. Prints the seconds from the call to
 * everything ready (every node Ready), and how many nodes that was. Stops it and removes its files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { siteFakeNodes } from "../cluster/cluster";
import { startControlPlane } from "../cluster/control-plane";
import { figure } from "./measure";

const [inventory = join(__dirname, "..", "..", "inventory", "fleets", "lab"), site = "lab-1", countArg = "0"] = process.argv.slice(2);

async function main(): Promise<void> {
  const all = siteFakeNodes(inventory, site);
  const nodes = Number(countArg) > 0 ? all.slice(0, Number(countArg)) : all;
  const dir = mkdtempSync(join(tmpdir(), "gigafactory-bench-cluster-"));
  // A failed start keeps its directory for the logs; a bench leaves no keys in /tmp.
  const cp = await startControlPlane({ dir, nodes }).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  try {
    figure("up-s", cp.startedInMs / 1000);
    figure("nodes", nodes.length, 0);
  } finally {
    await cp.stop();
  }
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
