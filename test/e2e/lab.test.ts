/**
 * The lab stack under the real engine, in the order a user lives it: `npm run lab -- --preview`,
 * `npm run lab` (up), `npm run lab` again (no changes), `pulumi destroy`, `npm run lab -- --destroy`.
 * Every step runs the real `pulumi` CLI, the policy pack, our command and kubernetes providers, the
 * simulated BMCs on loopback and, as root, the lab's SSH nodes (network namespaces with a real sshd
 * each), into which the stack bootstraps every node's OS after its power-on. The steps build on each
 * other, so the suite stops at the first failure; its `after` hook takes the lab down whatever happened.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { siteBootstrapNodes } from "../../inventory/bootstrap-nodes";
import { loadFleet } from "../../inventory/load";
import { renderBootstrap } from "../../model/baremetal/bootstrap/bundle";
import { WOULD_RUN_LOG } from "../../model/baremetal/bootstrap/defaults";
import { labNamespace, labNodeDisk } from "../../scripts/lab/lab-nodes";
import { sshLabMissing } from "../../scripts/lab/ssh-nodes";
import {
  backendDir,
  bmcCredentials,
  bmcSim,
  filesBelow,
  lab,
  LAB_BMCS,
  LAB_CONFIG,
  LAB_DIR,
  NODES_DIR,
  powerStatus,
  pulumi,
  RENDER_DIR,
  ROOT,
  run,
  secondCheckout,
  setPower,
  SSH_KEY,
  type Run,
} from "./engine";

/**
 * Resources of the lab stack: the stack, 9 site components, the k8s provider, 3 nodes × 2, 2 tenants × 4,
 * and the OS bootstrap: 3 nodes × 3 (OsBootstrap, CopyToRemote, Command).
 */
const LAB_RESOURCES = 53;

/** The lab's nodes as the bootstrap sees them (ledger addresses per interface). */
const NODES = siteBootstrapNodes(loadFleet(join(ROOT, "inventory", "fleets", "lab")).expanded.find((s) => s.site.id === "lab-1")!);

/** The lab's network namespaces that exist now. */
function labNamespaces(): string[] {
  return spawnSync("ip", ["netns", "list"], { encoding: "utf8" })
    .stdout.split("\n")
    .map((l) => l.split(/\s+/)[0]!)
    .filter((n) => n.startsWith("gflab-"))
    .sort();
}

/** Each node's would-run log (the commands only real hardware runs), by hostname. */
function wouldRunLogs(): Record<string, string> {
  return Object.fromEntries(NODES.map((n) => [n.hostname, readFileSync(join(labNodeDisk(NODES_DIR, n.hostname), WOULD_RUN_LOG), "utf8")]));
}

/**
 * The manifests the lab renders: per tenant its namespace, four NetworkPolicies, quota, limits,
 * RBAC binding and LocalQueue; for the site Kueue's flavour and two ClusterQueues, and the IPC_LOCK
 * admission policy and binding (lab-research does RDMA). The GPU software is rendered only into the
 * stack output (no chart repository in the lab).
 */
const MANIFESTS = [
  ...["lab-research", "lab-startup"].flatMap((t) => [
    `1-manifest/v1-namespace-default-${t}.yaml`,
    ...["default-deny", "allow-dns", "allow-same-tenant", "allow-outside-management"].map(
      (p) => `1-manifest/networking.k8s.io_v1-networkpolicy-${t}-${p}.yaml`,
    ),
    `1-manifest/v1-resourcequota-${t}-tenant-quota.yaml`,
    `1-manifest/v1-limitrange-${t}-container-defaults.yaml`,
    `1-manifest/rbac.authorization.k8s.io_v1-rolebinding-${t}-tenant-admins.yaml`,
    `1-manifest/kueue.x-k8s.io_v1beta2-localqueue-${t}-gpus.yaml`,
  ]),
  "1-manifest/kueue.x-k8s.io_v1beta2-resourceflavor-default-lab-node.yaml",
  "1-manifest/kueue.x-k8s.io_v1beta2-clusterqueue-default-tenants-research.yaml",
  "1-manifest/kueue.x-k8s.io_v1beta2-clusterqueue-default-tenants-startup.yaml",
  "1-manifest/admissionregistration.k8s.io_v1-validatingadmissionpolicy-default-gigafactory-restricted-with-ipc-lock.yaml",
  "1-manifest/admissionregistration.k8s.io_v1-validatingadmissionpolicybinding-default-gigafactory-restricted-with-ipc-lock.yaml",
];

/** The `pulumi` arguments that address the lab stack as tools/lab.sh does. */
const LAB_STACK = ["--stack", "lab", "--config-file", LAB_CONFIG];

/** Fails with the process's output when it did not exit with `status`. */
function assertExit(r: Run, status: number, what: string): void {
  assert.equal(r.status, status, `${what} exited with ${r.status}, expected ${status}:\n${r.output}`);
}

/** The power state every lab BMC reports, by node, and which protocol answered. */
function powerStates(): Record<string, string> {
  const states: Record<string, string> = {};
  for (const { node, bmc, fallback } of LAB_BMCS) {
    const r = powerStatus(bmc, fallback);
    assertExit(r, 0, `bmc power status ${bmc}`);
    // One JSON line: { bmc, protocol, action, before, after, changed, fallbackFrom? }.
    const result = JSON.parse(r.stdout) as { protocol: string; after: string; fallbackFrom?: unknown };
    states[node] = `${result.after} (${result.protocol}${result.fallbackFrom ? ", after a fallback" : ""})`;
  }
  return states;
}

/** Every node in `state`, answered by its Redfish BMC. */
function allNodes(state: "on" | "off"): Record<string, string> {
  return Object.fromEntries(LAB_BMCS.map(({ node }) => [node, `${state} (redfish)`]));
}

describe("the lab stack under the real engine", function () {
  this.bail(true);
  this.timeout(300_000);

  /** Everything the lab steps printed, checked for the BMC password at the end. */
  const printed: string[] = [];
  const step = (r: Run) => {
    printed.push(r.output);
    return r;
  };

  let down = false;

  before(function () {
    this.timeout(300_000);
    // The lab bootstraps its nodes over SSH only as root with ip and OpenSSH; this suite checks that it does.
    const missing = sshLabMissing();
    if (missing) throw new Error(`the lab's SSH nodes cannot run here: ${missing}`);
    assert.deepEqual(labNamespaces(), [], "lab namespaces are left from an earlier run");
    // Start from a switched-off site: the simulators keep their power state between runs.
    assertExit(bmcSim("start"), 0, "bmc-sim.ts start");
    for (const { bmc, fallback } of LAB_BMCS) assertExit(setPower("off", bmc, fallback), 0, `bmc power off ${bmc}`);
    assert.deepEqual(filesBelow(RENDER_DIR), [], "manifests are left in .lab/rendered from an earlier run");
  });

  after(function () {
    this.timeout(300_000);
    if (down) return;
    // Best effort: leave no simulators running and no stack up, whatever failed above.
    const r = lab("--destroy");
    if (r.status !== 0) console.error(`cleanup (npm run lab -- --destroy) failed:\n${r.output}`);
  });

  it("previews the lab: every resource to create, the policy pack passes", () => {
    const r = step(lab("--preview"));
    assertExit(r, 0, "npm run lab -- --preview");
    assert.match(r.stdout, new RegExp(`^\\s+\\+ ${LAB_RESOURCES} to create$`, "m"));
    assert.match(r.stdout, /^\s+✅ gigafactory@v0\.1\.0 \(local: .*policies\)$/m);
    assert.doesNotMatch(r.output, /\[mandatory\]|\[advisory\]|error:/);
    // The providers come from the plugin cache at the versions the SDKs request, not from PATH.
    assert.doesNotMatch(r.output, /warning: using pulumi-resource-|from \$PATH/);
    assert.deepEqual(filesBelow(RENDER_DIR), [], "a preview renders nothing");
    assert.deepEqual(powerStates(), allNodes("off"), "a preview powers nothing on");
    // The SSH nodes come up with the lab, one namespace per node, the lab's key made once.
    assert.match(r.stdout, /^started: 3 SSH nodes, each disk at \/srv\/node inside the node$/m);
    assert.deepEqual(labNamespaces(), NODES.map((n) => labNamespace(n.hostname)).sort());
    assert.ok(existsSync(SSH_KEY), "the lab's SSH key should be in .lab/ssh-key");
    assert.match(r.stdout, new RegExp(`^\\s+\\+ +command:remote:Command +${NODES[0]!.hostname}-bootstrap-run +create\\s*$`, "m"));
    // The control plane comes up with the lab (or is kept, when an earlier run left it up).
    assert.match(
      r.stdout,
      /^cluster: (up in [\d.]+ s at https:\/\/127\.0\.0\.1:\d+, 3 kwok nodes of lab-1|already running at https:\/\/127\.0\.0\.1:\d+ .*)$/m,
    );
    assert.ok(existsSync(join(LAB_DIR, "cluster", "kubeconfig")), "the control plane's kubeconfig should be in .lab/cluster");
  });

  it("brings the lab up: creates every resource, renders the manifests, says where state and manifests are", () => {
    const r = step(lab());
    assertExit(r, 0, "npm run lab");
    assert.match(r.stdout, new RegExp(`^\\s+\\+ ${LAB_RESOURCES} created$`, "m"));
    assert.match(r.stdout, /^cluster: already running at https:\/\/127\.0\.0\.1:\d+ \(kubeconfig \.lab\/cluster\/kubeconfig\)$/m);
    assert.match(r.stdout, /^\s+✅ gigafactory@v0\.1\.0/m);
    assert.match(r.stdout, new RegExp(`^  state: +${escape(join(backendDir(), ".pulumi", "stacks", "gigafactory", "lab.json"))}$`, "m"));
    assert.match(r.stdout, /^ {2}rendered manifests: +\.lab\/rendered\/ \(23 files\)$/m);
    assert.deepEqual(
      filesBelow(RENDER_DIR)
        .map((f) => relative(RENDER_DIR, f))
        .sort(),
      [...MANIFESTS].sort(),
    );
    // The closing hint to inspect the stack is a command that works.
    const hint = /^ {2}inspect: +npm run pulumi -- (.+)$/m.exec(r.stdout);
    assert.ok(hint, `the lab should say how to inspect the stack:\n${r.stdout}`);
    const inspect = step(run("npm", ["run", "pulumi", "--", ...hint[1]!.split(" ")]));
    assertExit(inspect, 0, `npm run pulumi -- ${hint[1]}`);
    assert.match(inspect.stdout, /Current stack is lab/);
    // The closing hint to see the SSH nodes is a command that works.
    const nodesHint = /^ {2}SSH nodes: +(npm .+)$/m.exec(r.stdout);
    assert.ok(nodesHint, `the lab should say how to see its SSH nodes:\n${r.stdout}`);
    const status = step(run("npm", nodesHint[1]!.split(" ").slice(1)));
    assertExit(status, 0, nodesHint[1]!);
    for (const n of NODES) assert.match(status.stdout, new RegExp(`^${n.hostname}  ${escape(n.inBandIp)}  ${labNamespace(n.hostname)}  up$`, "m"));
    const namespace = readFileSync(join(RENDER_DIR, "1-manifest/v1-namespace-default-lab-startup.yaml"), "utf8");
    assert.match(namespace, /^kind: Namespace$/m);
    assert.match(namespace, /pod-security\.kubernetes\.io\/enforce: restricted/);
  });

  it("runs the kubernetes plugin at exactly the version @pulumi/kubernetes requests, and the bare-metal provider from the project", () => {
    const state = JSON.parse(readFileSync(join(backendDir(), ".pulumi", "stacks", "gigafactory", "lab.json"), "utf8")) as {
      checkpoint: { latest: { resources: { type: string; inputs?: { version?: string } }[] } };
    };
    const used = state.checkpoint.latest.resources
      .filter((r) => r.type.startsWith("pulumi:providers:"))
      .map((r) => `${r.type.slice("pulumi:providers:".length)}@${r.inputs?.version ?? "project"}`)
      .sort();
    const requested = (pkg: string) =>
      `${pkg}@${(JSON.parse(readFileSync(join(ROOT, "node_modules", "@pulumi", pkg, "package.json"), "utf8")) as { version: string }).version}`;
    assert.deepEqual([...new Set(used)], [requested("command"), "gigafactory-baremetal@project", requested("kubernetes")]);
    assert.equal(requested("kubernetes"), "kubernetes@4.25.0");
    assert.equal(requested("command"), "command@1.2.1");
  });

  it("has powered every node on through its simulated BMC", () => {
    assert.deepEqual(powerStates(), allNodes("on"));
  });

  it("has provisioned every node's host, then bootstrapped its OS over SSH onto the node's own disk", () => {
    const exportRun = pulumi(["stack", "export", "--stack", "lab"]);
    assertExit(exportRun, 0, "pulumi stack export");
    const exported = JSON.parse(exportRun.stdout) as {
      deployment: { resources: { type: string; urn: string; outputs?: Record<string, unknown>; dependencies?: string[] }[] };
    };
    const resources = exported.deployment.resources;
    for (const node of NODES) {
      const host = resources.find((r) => r.type === "gigafactory-baremetal:index:BareMetalHost" && r.outputs?.hostname === node.hostname);
      assert.ok(host, `no BareMetalHost for ${node.hostname}`);
      assert.equal(host.outputs?.state, "provisioned", `${node.hostname}'s host`);
      assert.equal(host.outputs?.powerState, "on", `${node.hostname}'s host`);
      // The bootstrap waits for the node's power-on.
      const bootstrap = resources.find((r) => r.type === "gigafactory:baremetal:OsBootstrap" && r.urn.endsWith(`::${node.hostname}-bootstrap`));
      assert.ok(
        bootstrap?.dependencies?.some((d) => d === host.urn || host.urn.startsWith(d.replace(/::[^:]+$/, ""))),
        `${node.hostname}'s bootstrap should depend on its host: ${JSON.stringify(bootstrap?.dependencies)}`,
      );
      const run = resources.find((r) => r.type === "command:remote:Command" && r.urn.endsWith(`::${node.hostname}-bootstrap-run`));
      assert.ok(run, `no bootstrap of ${node.hostname}`);
      // The host keys were recorded on first use (the lab pins none), one per node at its ledger address.
      assert.deepEqual(Object.keys((run.outputs?.hostKeys ?? {}) as object), [`${node.inBandIp}:22`], node.hostname);
      // Inside the node, at its root /srv/node: every file of its role, as the model renders it.
      const disk = labNodeDisk(NODES_DIR, node.hostname);
      const files = renderBootstrap(node).files;
      for (const f of files) assert.equal(readFileSync(join(disk, f.path), "utf8"), f.content, `${node.hostname}:${f.path}`);
      assert.equal(readFileSync(join(disk, "etc", "hostname"), "utf8"), `${node.hostname}\n`);
      for (const nic of node.interfaces) {
        const path = files.find((f) => f.path.startsWith("/etc/systemd/network/") && f.path.endsWith(`-${nic.name}.network`))?.path;
        assert.ok(path, `no networkd file for ${node.hostname} ${nic.name}`);
        assert.match(readFileSync(join(disk, path), "utf8"), new RegExp(`^Address=${escape(nic.address)}/${nic.prefix}$`, "m"), `${node.hostname} ${nic.name}`);
      }
      assert.match(readFileSync(join(disk, WOULD_RUN_LOG), "utf8"), /^hostnamectl set-hostname /m, node.hostname);
    }
  });

  it("changes nothing when run a second time", () => {
    const logs = wouldRunLogs();
    const r = step(lab());
    assertExit(r, 0, "npm run lab (second run)");
    assert.match(r.stdout, new RegExp(`^\\s+${LAB_RESOURCES} unchanged$`, "m"));
    assert.doesNotMatch(r.stdout, /^\s+[+~-] \d+ (created|updated|deleted|replaced)$/m);
    const preview = step(pulumi(["preview", ...LAB_STACK, "--policy-pack", join(ROOT, "policies"), "--expect-no-changes"]));
    assertExit(preview, 0, "pulumi preview --expect-no-changes");
    assert.match(preview.stdout, new RegExp(`^\\s+${LAB_RESOURCES} unchanged$`, "m"));
    assert.match(r.stdout, /^already running: 3 SSH nodes/m);
    assert.deepEqual(wouldRunLogs(), logs, "the second run ran a command on a node");
  });

  it("holds no path of this checkout or machine in state, and shows no change previewed from a second checkout at another path", () => {
    const state = readFileSync(join(backendDir(), ".pulumi", "stacks", "gigafactory", "lab.json"), "utf8");
    assert.ok(!state.includes(ROOT), `the state holds the checkout's path ${ROOT}`);
    assert.ok(!state.includes(process.execPath), `the state holds node's path ${process.execPath}`);
    assert.match(state, /"type":\s*"gigafactory-baremetal:index:BareMetalHost"/);
    const other = secondCheckout();
    try {
      const preview = step(pulumi(["preview", ...LAB_STACK, "--expect-no-changes"], { cwd: other }));
      assertExit(preview, 0, `pulumi preview --expect-no-changes from ${other}`);
      assert.match(preview.stdout, new RegExp(`^\\s+${LAB_RESOURCES} unchanged$`, "m"));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("protects the nodes unless the stack allows decommissioning: destroy refuses, then config set, up and destroy take them down", () => {
    // The lab allows decommissioning; a copy of its config that does not plays a production stack.
    const protectedConfig = join(backendDir(), "Pulumi.lab.protected.yaml");
    copyFileSync(LAB_CONFIG, protectedConfig);
    const asProduction = ["--stack", "lab", "--config-file", protectedConfig];
    assertExit(pulumi(["config", "set", ...asProduction, "gigafactory:allowDecommission", "false"]), 0, "config set allowDecommission false");
    const protect = step(pulumi(["up", "--yes", ...asProduction]));
    assertExit(protect, 0, "pulumi up (protecting)");
    assert.match(protect.stdout, new RegExp(`^\\s+${LAB_RESOURCES} unchanged$`, "m"), "protecting changes no resource");
    const refused = step(pulumi(["destroy", "--yes", ...asProduction]));
    assert.notEqual(refused.status, 0, `a destroy of protected nodes should fail:\n${refused.output}`);
    assert.match(refused.output, /protected/);
    assert.deepEqual(powerStates(), allNodes("on"), "no protected node was powered off");
    // README, "Taking hardware down": allowDecommission true (the lab's own config), up, then destroy (next step).
    const unprotect = step(pulumi(["up", "--yes", ...LAB_STACK]));
    assertExit(unprotect, 0, "pulumi up (allowing decommissioning)");
  });

  it("keeps the BMC password and the SSH key out of state, config, rendered manifests, the nodes' disks and output", () => {
    const { BMC_PASSWORD } = bmcCredentials();
    // A line of the key's body: long enough to be unique, printed by nothing but the key itself.
    const keyLine = readFileSync(SSH_KEY, "utf8").split("\n")[1]!;
    assert.ok(keyLine.length > 40);
    const exported = step(pulumi(["stack", "export", "--stack", "lab"]));
    assertExit(exported, 0, "pulumi stack export");
    for (const secret of [BMC_PASSWORD, keyLine]) assert.ok(!exported.stdout.includes(secret), "a secret is in the exported state in plaintext");
    const disks = NODES.flatMap((n) => filesBelow(labNodeDisk(NODES_DIR, n.hostname)));
    assert.ok(disks.length > 0);
    const files = [...filesBelow(backendDir()), ...filesBelow(RENDER_DIR), ...disks, LAB_CONFIG, join(ROOT, "stacks", "Pulumi.lab.yaml")];
    assert.ok(
      files.some((f) => f.endsWith(join("gigafactory", "lab.json"))),
      "the state file should be among the files searched",
    );
    const leaking = files.filter((f) => [BMC_PASSWORD, keyLine].some((s) => readFileSync(f, "utf8").includes(s))).map((f) => relative(ROOT, f));
    assert.deepEqual(leaking, [], "files holding the BMC password or the SSH key in plaintext");
    assert.ok(!printed.some((o) => o.includes(BMC_PASSWORD)), "a lab step printed the BMC password");
    assert.ok(!printed.some((o) => o.includes(keyLine)), "a lab step printed the SSH key");
    // The secrets are in the generated config, encrypted.
    const config = readFileSync(LAB_CONFIG, "utf8");
    assert.match(config, /gigafactory:bmcCredentials:\n\s+default:\n/);
    assert.match(config, /\n\s+password:\n\s+secure: v1:/);
    assert.match(config, /\n\s+username:\n\s+secure: v1:/);
    assert.match(config, /\n\s+gigafactory:sshPrivateKey:\n\s+secure: v1:/);
    assert.match(config, /\n\s+gigafactory:osBootstrap: render\n/);
  });

  it("destroys the stack: deletes every resource, removes the manifests, powers every node off", () => {
    const r = step(pulumi(["destroy", "--yes", ...LAB_STACK]));
    assertExit(r, 0, "pulumi destroy");
    assert.match(r.stdout, new RegExp(`^\\s+- ${LAB_RESOURCES} deleted$`, "m"));
    assert.deepEqual(filesBelow(RENDER_DIR), [], "rendered files left after destroy");
    assert.deepEqual(powerStates(), allNodes("off"));
  });

  it("takes the lab down with --destroy: nothing left to destroy, simulators and SSH nodes stopped, nodes off", () => {
    const r = step(lab("--destroy"));
    assertExit(r, 0, "npm run lab -- --destroy");
    assert.match(r.stdout, /^lab: destroyed\./m);
    assert.match(r.stdout, /^cluster: stopped; removed \.lab\/cluster$/m);
    assert.ok(!existsSync(join(LAB_DIR, "cluster")), "the control plane's files should be gone");
    assert.ok(!existsSync(LAB_CONFIG), "the generated config with the secrets should be gone");
    const status = bmcSim("status");
    assertExit(status, 0, "bmc-sim.ts status");
    assert.equal(status.stdout.match(/\bdown\b/g)?.length, LAB_BMCS.length * 2, `every simulator should be down:\n${status.output}`);
    assert.match(r.stdout, /^stopped 3 SSH nodes$/m);
    assert.deepEqual(labNamespaces(), [], "the lab's namespaces should be gone");
    assert.notEqual(spawnSync("ip", ["link", "show", "gflabbr"]).status, 0, "the lab's bridge should be gone");
    assert.ok(!existsSync(NODES_DIR), "the SSH nodes' host keys and disks should be gone");
    assert.ok(!existsSync(SSH_KEY), "the lab's SSH key should be gone");
    down = true;
  });
});

/** `s` as a literal inside a regular expression. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
