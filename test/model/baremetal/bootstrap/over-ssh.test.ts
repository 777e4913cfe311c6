/**
 * The bootstrap over SSH for real: each node of the lab's ledger is a network namespace with its
 * in-band address and a real sshd (scripts/lab/ssh-nodes.ts); the script is copied by SFTP and run
 * with the OpenSSH client, host keys checked, twice: the second run changes nothing.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { siteBootstrapNodes } from "../../../../inventory/bootstrap-nodes";
import { renderBootstrap, type BootstrapBundle } from "../../../../model/baremetal/bootstrap/bundle";
import { PENDING_FILE, WOULD_RUN_LOG } from "../../../../model/baremetal/bootstrap/defaults";
import type { BootstrapNode } from "../../../../model/baremetal/bootstrap/node";
import { joinStdin, renderBootstrapScript } from "../../../../model/baremetal/bootstrap/script";
import { sshLabMissing, startSshNodes, type SshLab, type SshNode } from "../../../../scripts/lab/ssh-nodes";
import { bootstrapOverSsh, sshRun, type SshTarget } from "../../../../scripts/lab/ssh-run";
import { loadFixture } from "../../kubernetes/fixture";

/** Join secrets of the test (well-formed, meaningless); they must never show up anywhere. */
const TOKEN = "q7k2m9.x4c8v1b6n3p5r0t2";
const CA_HASH = `sha256:${"5e".repeat(32)}`;
const ENDPOINT = { apiServerEndpoint: "10.250.1.100:6443" };

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`/${relative(dir, p)}`);
    }
  };
  walk(dir);
  return out.sort();
}

function lines(stdout: string, prefix: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith(`${prefix} `))
    .map((l) => l.slice(prefix.length + 1));
}

describe("OS bootstrap over SSH into the lab's nodes (network namespaces with sshd) @peers", function () {
  this.timeout(120_000);
  let lab: SshLab;
  let nodes: BootstrapNode[];
  const target = (n: SshNode): SshTarget => ({ address: n.address, user: "root", privateKeyFile: lab.privateKeyFile, knownHostsFile: lab.knownHostsFile });

  before(async function () {
    const missing = sshLabMissing();
    if (missing) throw new Error(`cannot start the SSH lab nodes: ${missing}`);
    const { expanded } = loadFixture("lab");
    nodes = siteBootstrapNodes(expanded);
    const prefix = expanded.plan.inBand.prefix;
    lab = await startSshNodes(
      nodes.map((n) => ({ hostname: n.hostname, address: n.inBandIp, prefix })),
      { rootAddress: `10.250.1.254/${prefix}` },
    );
  });
  after(async () => {
    await lab?.stop();
  });

  it("installs every rendered file on every node, then a second run changes nothing; no secret anywhere", async () => {
    assert.deepEqual(
      lab.nodes.map((n) => `${n.hostname} ${n.address}`),
      ["lab-1-h1-r001-n01 10.250.1.1", "lab-1-h1-r001-n02 10.250.1.2", "lab-1-h1-r001-n03 10.250.1.3"],
    );
    const bundles = nodes.map((n) => renderBootstrap(n, ENDPOINT));
    const first = await Promise.all(
      lab.nodes.map((n, i) => bootstrapOverSsh(target(n), renderBootstrapScript(bundles[i]!), "render", n.root, joinStdin(TOKEN, CA_HASH))),
    );
    const second = await Promise.all(
      lab.nodes.map((n, i) => bootstrapOverSsh(target(n), renderBootstrapScript(bundles[i]!), "render", n.root, joinStdin(TOKEN, CA_HASH))),
    );
    for (const [i, node] of lab.nodes.entries()) {
      const bundle: BootstrapBundle = bundles[i]!;
      const paths = bundle.files.map((f) => f.path);
      assert.equal(first[i]!.code, 0, first[i]!.stderr);
      assert.deepEqual(lines(first[i]!.stdout, "changed"), paths);
      const wouldRun = lines(first[i]!.stdout, "would-run");
      assert.deepEqual(wouldRun, [...bundle.actions.map((a) => a.command.join(" ")), "kubeadm join --config /run/gigafactory/kubeadm-join.yaml"]);
      assert.match(first[i]!.stdout, new RegExp(`bootstrap ${node.hostname} \\(gpu-worker, render\\): ${paths.length} changed, 0 unchanged\\n$`));

      assert.equal(second[i]!.code, 0, second[i]!.stderr);
      assert.deepEqual(lines(second[i]!.stdout, "changed"), []);
      assert.deepEqual(lines(second[i]!.stdout, "would-run"), []);
      assert.deepEqual(lines(second[i]!.stdout, "unchanged"), paths);
      assert.match(second[i]!.stdout, /: 0 changed, \d+ unchanged\n$/);

      // What is on the node is exactly what was rendered, with the rendered modes; the would-run log holds the first run's commands once.
      assert.deepEqual(filesUnder(node.root), [...paths, "/var/lib/gigafactory/bootstrap/bootstrap.sh", WOULD_RUN_LOG].sort());
      for (const f of bundle.files) {
        assert.equal(readFileSync(join(node.root, f.path), "utf8"), f.content, f.path);
        assert.equal((statSync(join(node.root, f.path)).mode & 0o777).toString(8), f.mode, f.path);
      }
      assert.equal(readFileSync(join(node.root, WOULD_RUN_LOG), "utf8"), `${wouldRun.join("\n")}\n`);
      const everything = [
        first[i]!.stdout,
        first[i]!.stderr,
        second[i]!.stdout,
        second[i]!.stderr,
        ...filesUnder(node.root).map((f) => readFileSync(join(node.root, f), "utf8")),
      ];
      for (const text of everything) {
        assert.ok(!text.includes(TOKEN) && !text.includes("q7k2m9"), "the bootstrap token leaked");
        assert.ok(!text.includes(CA_HASH), "the CA hash leaked");
      }
    }
  });

  it("re-runs only what a changed fact touches: new time servers restart chrony and nothing else", async () => {
    const node = lab.nodes[0]!;
    const base = renderBootstrap(nodes[0]!, ENDPOINT);
    await bootstrapOverSsh(target(node), renderBootstrapScript(base), "render", node.root, joinStdin(TOKEN, CA_HASH));
    const moved = renderBootstrap({ ...nodes[0]!, timeServers: ["ntp1.lab.example", "ntp2.lab.example"] }, ENDPOINT);
    const run = await bootstrapOverSsh(target(node), renderBootstrapScript(moved), "render", node.root, joinStdin(TOKEN, CA_HASH));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(lines(run.stdout, "changed"), ["/etc/chrony/chrony.conf"]);
    assert.deepEqual(lines(run.stdout, "would-run"), ["systemctl restart chrony.service"]);
    assert.match(readFileSync(join(node.root, "/etc/chrony/chrony.conf"), "utf8"), /^server ntp1\.lab\.example iburst$/m);
  });

  it("retries the commands a failed run left pending, though their files are already in place", async () => {
    const node = lab.nodes[2]!;
    const script = renderBootstrapScript(renderBootstrap(nodes[2]!, ENDPOINT));
    await bootstrapOverSsh(target(node), script, "render", node.root, joinStdin(TOKEN, CA_HASH));
    // What a run whose containerd restart failed leaves behind.
    writeFileSync(join(node.root, PENDING_FILE), "/etc/containerd/config.toml\n");
    const run = await bootstrapOverSsh(target(node), script, "render", node.root, joinStdin(TOKEN, CA_HASH));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(lines(run.stdout, "changed"), []);
    assert.deepEqual(lines(run.stdout, "would-run"), ["systemctl restart containerd.service"]);
    assert.ok(!existsSync(join(node.root, PENDING_FILE)), "the pending list is cleared once every command ran");
  });

  it("refuses a malformed bootstrap token before installing anything, without printing it", async () => {
    const node = lab.nodes[1]!;
    const before = filesUnder(node.root);
    const bad = "NOT-A-TOKEN-secretvalue";
    const run = await bootstrapOverSsh(
      target(node),
      renderBootstrapScript(renderBootstrap({ ...nodes[1]!, timeServers: ["ntp9.lab.example"] }, ENDPOINT)),
      "render",
      node.root,
      joinStdin(bad, CA_HASH),
    );
    assert.equal(run.code, 3);
    assert.equal(run.stderr.trim(), "bootstrap lab-1-h1-r001-n02: the bootstrap token on stdin is malformed (not shown)");
    assert.ok(!run.stdout.includes(bad) && !run.stderr.includes(bad));
    assert.deepEqual(filesUnder(node.root), before);
    assert.doesNotMatch(readFileSync(join(node.root, "/etc/chrony/chrony.conf"), "utf8"), /ntp9/);
  });

  it("installs into / only in apply mode, and takes no unknown argument", async () => {
    const node = lab.nodes[0]!;
    const script = renderBootstrapScript(renderBootstrap(nodes[0]!, ENDPOINT));
    const apply = await bootstrapOverSsh(target(node), script, "apply", node.root);
    assert.equal(apply.code, 2);
    assert.equal(apply.stderr.trim(), "bootstrap lab-1-h1-r001-n01: apply mode installs into / only");
    const odd = await sshRun(target(node), `sh ${node.root}/var/lib/gigafactory/bootstrap/bootstrap.sh --force`);
    assert.equal(odd.code, 2);
    assert.equal(odd.stderr.trim(), "bootstrap lab-1-h1-r001-n01: unknown argument --force");
  });

  it("checks the host key: a node presenting another key than the pinned one is refused", async () => {
    const [a, b] = lab.nodes;
    const wrong = `${lab.dir}/known_hosts_wrong`;
    writeFileSync(wrong, `${a!.address} ${b!.hostKey}\n`);
    const run = await sshRun({ ...target(a!), knownHostsFile: wrong }, "true");
    assert.equal(run.code, 255);
    assert.match(run.stderr, /Host key verification failed/);
  });
});
