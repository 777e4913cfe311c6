/**
 * The OS bootstrap through the real engine and our command provider (command:remote), against the
 * lab's nodes as network namespaces with a real sshd (scripts/lab/ssh-nodes.ts, as root): a small
 * project with two stacks of the bare-metal layer's own code. `lab-1-kubernetes-site` exports the
 * join inputs as the Kubernetes layer does (program/join.ts, the token and CA hash as secrets);
 * `lab-1-baremetal-h1-b0` reads them through a StackReference and bootstraps every node in render
 * mode (program/os-bootstrap.ts), one node's host key pinned, the others recorded on first use.
 * Twice: the second `up` changes nothing. No secret reaches the state in plaintext.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { siteBootstrapNodes } from "../../inventory/bootstrap-nodes";
import { loadFleet } from "../../inventory/load";
import { renderBootstrap } from "../../model/baremetal/bootstrap/bundle";
import { WOULD_RUN_LOG } from "../../model/baremetal/bootstrap/defaults";
import { sshLabMissing, startSshNodes, type SshLab } from "../../scripts/lab/ssh-nodes";
import { pulumi, ROOT, type Run } from "./engine";

const PRODUCER = "lab-1-kubernetes-site";
const CONSUMER = "lab-1-baremetal-h1-b0";
const ENDPOINT = "10.250.1.100:6443";
const TOKEN = "e2e0k2.x4c8v1b6n3p5r0t9";
const CA_HASH = `sha256:${"c4".repeat(32)}`;

/** The project: plain JavaScript that loads the project's TypeScript through tsx, like the program does through the SDK. */
const PROGRAM = `
require("tsx/cjs");
const pulumi = require("@pulumi/pulumi");
const ROOT = ${JSON.stringify(ROOT)};
const cfg = new pulumi.Config();
const { joinOutputs, readJoinInputs } = require(ROOT + "/program/join");
if (pulumi.getStack().endsWith("-kubernetes-site")) {
  module.exports = joinOutputs({ apiServerEndpoint: cfg.require("endpoint"), caCertHash: cfg.requireSecret("caCertHash"), token: cfg.requireSecret("token") });
} else {
  const { loadSite } = require(ROOT + "/program/stack");
  const { buildOsBootstrap } = require(ROOT + "/program/os-bootstrap");
  const { expanded } = loadSite({ fleet: ROOT + "/inventory/fleets/lab", site: "lab-1" });
  const pinned = { ...expanded, site: { ...expanded.site, bootstrap: { hostKeys: { [cfg.require("pinnedHost")]: cfg.require("pinnedKey") } } } };
  const site = new pulumi.ComponentResource("gigafactory:e2e:Site", "lab-1");
  const settings = { mode: "render", root: cfg.require("roots") + "/{hostname}", ssh: { privateKey: cfg.requireSecret("privateKey") } };
  const nodes = buildOsBootstrap(pinned, expanded.racks, new Map(), settings, readJoinInputs("lab-1", site), site);
  module.exports = { scriptHashes: nodes.map((n) => n.scriptHash) };
}
`;

function ok(r: Run, what: string): Run {
  assert.equal(r.status, 0, `${what}:\n${r.output}`);
  return r;
}

describe("the OS bootstrap through the engine into the lab's SSH nodes, join inputs by StackReference @peers", function () {
  this.timeout(300_000);
  this.bail(true);
  let lab: SshLab;
  let dir: string;
  let roots: string;
  const nodes = siteBootstrapNodes(loadFleet(join(ROOT, "inventory", "fleets", "lab")).expanded[0]!);
  const at = (stack: string) => ["--stack", stack];

  before(async () => {
    const missing = sshLabMissing();
    if (missing) throw new Error(`cannot start the SSH lab nodes: ${missing}`);
    lab = await startSshNodes(
      nodes.map((n) => ({ hostname: n.hostname, address: n.inBandIp, prefix: 24 })),
      { rootAddress: "10.250.1.254/24" },
    );
    dir = mkdtempSync(join(tmpdir(), "gf-e2e-bootstrap-"));
    roots = lab.nodes[0]!.root.replace(/\/[^/]+$/, "");
    writeFileSync(join(dir, "Pulumi.yaml"), "name: os-bootstrap-e2e\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
    writeFileSync(join(dir, "index.js"), PROGRAM);
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "os-bootstrap-e2e", private: true })}\n`);
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    for (const stack of [PRODUCER, CONSUMER]) ok(pulumi(["stack", "init", stack, "--no-select"], { cwd: dir }), `stack init ${stack}`);
    const set = (stack: string, key: string, value: string, secret = false) =>
      ok(
        pulumi(["config", "set", ...at(stack), ...(secret ? ["--secret", key] : [key, value])], { cwd: dir, ...(secret ? { input: value } : {}) }),
        `config set ${key}`,
      );
    set(PRODUCER, "endpoint", ENDPOINT);
    set(PRODUCER, "caCertHash", CA_HASH, true);
    set(PRODUCER, "token", TOKEN, true);
    set(CONSUMER, "roots", roots);
    set(CONSUMER, "pinnedHost", lab.nodes[0]!.hostname);
    set(CONSUMER, "pinnedKey", lab.nodes[0]!.hostKey);
    set(CONSUMER, "privateKey", lab.privateKey, true);
  });

  after(async () => {
    if (dir) {
      for (const stack of [CONSUMER, PRODUCER]) {
        pulumi(["destroy", "--yes", "--skip-preview", ...at(stack)], { cwd: dir });
        pulumi(["stack", "rm", "--yes", "--force", ...at(stack)], { cwd: dir });
      }
      rmSync(dir, { recursive: true, force: true });
    }
    await lab?.stop();
  });

  it("exports the join inputs from the Kubernetes stand-in, the token and CA hash as secrets", () => {
    ok(pulumi(["up", "--yes", "--skip-preview", ...at(PRODUCER)], { cwd: dir }), "up of the Kubernetes stand-in");
    const out = JSON.parse(ok(pulumi(["stack", "output", "--json", ...at(PRODUCER)], { cwd: dir }), "stack output").stdout) as Record<string, string>;
    assert.deepEqual(out, { joinApiServerEndpoint: ENDPOINT, joinCaCertHash: "[secret]", joinToken: "[secret]" });
  });

  it("bootstraps every node over SSH with the inputs read through the StackReference", () => {
    const up = ok(pulumi(["up", "--yes", "--skip-preview", ...at(CONSUMER)], { cwd: dir }), "first up");
    assert.equal(up.output.match(/\+ +command:remote:CopyToRemote +\S+ +created/g)?.length, 3, up.output);
    assert.equal(up.output.match(/\+ +command:remote:Command +\S+ +created/g)?.length, 3, up.output);
    for (const [i, node] of lab.nodes.entries()) {
      const bundle = renderBootstrap(nodes[i]!, { apiServerEndpoint: ENDPOINT });
      for (const f of bundle.files) assert.equal(readFileSync(join(node.root, f.path), "utf8"), f.content, `${node.hostname} ${f.path}`);
      assert.match(readFileSync(join(node.root, WOULD_RUN_LOG), "utf8"), /^kubeadm join --config \/run\/gigafactory\/kubeadm-join\.yaml$/m);
    }
  });

  it("changes nothing on the second up", () => {
    const logs = lab.nodes.map((n) => readFileSync(join(n.root, WOULD_RUN_LOG), "utf8"));
    const up = ok(pulumi(["up", "--yes", "--skip-preview", ...at(CONSUMER)], { cwd: dir }), "second up");
    assert.doesNotMatch(up.output, /\b(created|updated|replaced)\b/, up.output);
    ok(pulumi(["preview", "--expect-no-changes", ...at(CONSUMER)], { cwd: dir }), "preview --expect-no-changes");
    assert.deepEqual(
      lab.nodes.map((n) => readFileSync(join(n.root, WOULD_RUN_LOG), "utf8")),
      logs,
    );
  });

  it("keeps the key, token and CA hash out of the state, and records the unpinned nodes' host keys", () => {
    const keyBody = lab.privateKey.split("\n")[1]!;
    for (const stack of [PRODUCER, CONSUMER]) {
      const exported = ok(pulumi(["stack", "export", ...at(stack)], { cwd: dir }), `stack export ${stack}`).stdout;
      for (const s of [TOKEN, CA_HASH, keyBody]) assert.ok(!exported.includes(s), `a secret is in ${stack}'s state in plaintext`);
    }
    const exported = JSON.parse(ok(pulumi(["stack", "export", ...at(CONSUMER)], { cwd: dir }), "stack export").stdout) as {
      deployment: { resources: { type: string; urn: string; outputs?: Record<string, unknown> }[] };
    };
    for (const node of lab.nodes) {
      const run = exported.deployment.resources.find((r) => r.type === "command:remote:Command" && r.urn.endsWith(`::${node.hostname}-bootstrap-run`));
      assert.deepEqual(run?.outputs?.hostKeys, { [`${node.address}:22`]: node.hostKey }, node.hostname);
    }
  });
});
