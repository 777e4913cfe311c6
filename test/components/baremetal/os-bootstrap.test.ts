/** The OS bootstrap component under recording mocks: what it hands the remote command provider, with its secrets kept secret. */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { OsBootstrap, type OsBootstrapArgs } from "../../../components/baremetal/os-bootstrap";
import { siteBootstrapNodes } from "../../../inventory/bootstrap-nodes";
import { renderBootstrap } from "../../../model/baremetal/bootstrap/bundle";
import { joinStdin, renderBootstrapScript, scriptHash } from "../../../model/baremetal/bootstrap/script";
import { plaintextCredentials } from "../../../policies/rules/no-plaintext-secrets";
import { recordResources, urns, valueOf, type Recorded } from "../../helpers/mocks";
import { loadFixture } from "../../model/kubernetes/fixture";

const TYPES = ["gigafactory:baremetal:OsBootstrap", "command:remote:CopyToRemote", "command:remote:Command"];
const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtest-only-key\n-----END OPENSSH PRIVATE KEY-----\n";
const TOKEN = "q7k2m9.x4c8v1b6n3p5r0t2";
const CA_HASH = `sha256:${"5e".repeat(32)}`;
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9vdGVzdGtleWZvcnRoZWxhYm5vZGVvbmx5";

function args(extra: Partial<OsBootstrapArgs> = {}): OsBootstrapArgs {
  const [node] = siteBootstrapNodes(loadFixture("lab").expanded);
  return {
    node: node!,
    ssh: { privateKey: pulumi.secret(KEY) },
    join: { apiServerEndpoint: "10.250.1.100:6443", caCertHash: pulumi.secret(CA_HASH), token: pulumi.secret(TOKEN) },
    ...extra,
  };
}

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

async function build(extra: Partial<OsBootstrapArgs> = {}): Promise<{ recorded: Recorded[]; component: OsBootstrap }> {
  const recorded = recordResources(TYPES);
  const component = new OsBootstrap("lab-1-h1-r001-n01-bootstrap", args(extra));
  await urns([component, component.copy, component.run]);
  await valueOf(component.run.stdout);
  return { recorded, component };
}

describe("OsBootstrap component", () => {
  it("copies the node's script and runs it over SSH to its in-band address, triggered by the script's hash", async () => {
    const { recorded, component } = await build();
    const a = args();
    const hash = scriptHash(renderBootstrapScript(renderBootstrap(a.node, { apiServerEndpoint: "10.250.1.100:6443" })));
    assert.equal(await valueOf(component.scriptHash), hash);
    const copy = recorded.find((r) => r.type === "command:remote:CopyToRemote")!;
    const run = recorded.find((r) => r.type === "command:remote:Command")!;
    assert.equal(copy.name, "lab-1-h1-r001-n01-bootstrap-script");
    assert.equal(run.name, "lab-1-h1-r001-n01-bootstrap-run");
    assert.equal(copy.inputs.remotePath, "/var/lib/gigafactory/bootstrap/bootstrap.sh");
    assert.deepEqual(copy.inputs.triggers, [hash]);
    assert.deepEqual(run.inputs.triggers, [hash]);
    assert.equal(run.inputs.create, "sh /var/lib/gigafactory/bootstrap/bootstrap.sh --mode apply --root /");
    assert.equal(run.inputs.update, run.inputs.create);
    assert.equal(run.inputs.addPreviousOutputInEnv, false);
    // The whole connection is a secret envelope, since it holds the key (the SDK adds its dial defaults).
    const connection = secret({ dialErrorLimit: 10, host: "10.250.1.1", perDialTimeout: 15, port: 22, privateKey: KEY, user: "root" });
    assert.deepEqual(run.inputs.connection, connection);
    assert.deepEqual(copy.inputs.connection, connection);
  });

  it("keeps the private key, the token and the CA hash secret, and out of the script, the command line and the triggers", async () => {
    const { recorded, component } = await build();
    const run = recorded.find((r) => r.type === "command:remote:Command")!;
    const copy = recorded.find((r) => r.type === "command:remote:CopyToRemote")!;
    for (const r of [run, copy]) assert.equal((r.inputs.connection as Record<string, unknown>)[specialSigKey], specialSecretSig);
    assert.deepEqual(run.inputs.stdin, secret(joinStdin(TOKEN, CA_HASH)));
    assert.equal(await pulumi.isSecret(component.run.stdin), true);
    const script = await (copy.inputs.source as { text: Promise<string> }).text;
    assert.match(script, /^# gigafactory OS bootstrap of lab-1-h1-r001-n01 \(gpu-worker\)/m);
    const inTheOpen =
      JSON.stringify({ ...run.inputs, connection: undefined, stdin: undefined }) + JSON.stringify({ ...copy.inputs, connection: undefined }) + script;
    for (const s of [TOKEN, CA_HASH, "test-only-key"]) assert.ok(!inTheOpen.includes(s), `${s} outside a secret`);
    // The policy pack's no-plaintext-secrets rule finds nothing to report on either resource.
    assert.deepEqual(plaintextCredentials(run.inputs), []);
    assert.deepEqual(plaintextCredentials(copy.inputs), []);
  });

  it("renders the same script for the same inputs, so a second up changes nothing", async () => {
    const first = await valueOf((await build()).component.scriptHash);
    const second = await valueOf((await build()).component.scriptHash);
    assert.equal(first, second);
  });

  it("pins the inventory's host key; without join inputs sends no stdin; render mode under a root", async () => {
    const { recorded } = await build({ hostKey: HOST_KEY, join: undefined, mode: "render", root: "/tmp/lab-node" });
    const run = recorded.find((r) => r.type === "command:remote:Command")!;
    assert.equal((run.inputs.connection as { value: Record<string, unknown> }).value.hostKey, HOST_KEY);
    assert.equal(run.inputs.stdin, undefined);
    assert.equal(run.inputs.create, "sh /tmp/lab-node/var/lib/gigafactory/bootstrap/bootstrap.sh --mode render --root /tmp/lab-node");
  });

  it("refuses apply mode under another root before creating anything", () => {
    recordResources(TYPES);
    assert.throws(
      () => new OsBootstrap("x", args({ root: "/tmp/x" })),
      /^Error: node \[lab-1-h1-r001-n01\] bootstrap in apply mode installs into \/ only; got root "\/tmp\/x"$/,
    );
  });
});
