/** The lab's SSH nodes (scripts/lab/lab-nodes.ts): which nodes, at which addresses, and the reason it gives where it cannot run. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { labNamespace, labNodes, lastHostAddress } from "../../../scripts/lab/lab-nodes";

const ROOT = join(__dirname, "..", "..", "..");

describe("the lab's SSH nodes", () => {
  it("are lab-1's nodes at their in-band addresses from the ledger", () => {
    assert.deepEqual(labNodes(join(ROOT, "inventory", "fleets", "lab"), "lab-1"), [
      { hostname: "lab-1-h1-r001-n01", address: "10.250.1.1", prefix: 24 },
      { hostname: "lab-1-h1-r001-n02", address: "10.250.1.2", prefix: 24 },
      { hostname: "lab-1-h1-r001-n03", address: "10.250.1.3", prefix: 24 },
    ]);
    assert.equal(labNamespace("lab-1-h1-r001-n01"), "gflab-lab-1-h1-r001-n01");
  });

  it("reach this machine at the network's last host address", () => {
    assert.equal(lastHostAddress("10.250.1.1", 24), "10.250.1.254");
    assert.equal(lastHostAddress("10.0.3.7", 16), "10.0.255.254");
    assert.equal(lastHostAddress("192.168.5.9", 30), "192.168.5.10");
  });

  it("names no site that is not in the inventory", () => {
    assert.throws(() => labNodes(join(ROOT, "inventory", "fleets", "lab"), "lab-9"), /^Error: site \[lab-9\] is not in /);
  });
});

describe("the lab's SSH nodes where they cannot run @executable", () => {
  it("say why and exit 3 without root (what tools/lab.sh reads to skip only the bootstrap)", () => {
    const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const command = [process.execPath, tsx, join(ROOT, "scripts", "lab", "lab-nodes.ts"), "check"];
    // As root, drop to nobody for the check.
    const asUser = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...command] : command;
    const r = spawnSync(asUser[0]!, asUser.slice(1), { cwd: ROOT, encoding: "utf8", env: { ...process.env, HOME: "/tmp" } });
    assert.equal(r.status, 3, `${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, "not root (ip netns needs root)\n");
  });
});
