/**
 * The OS bootstrap in the stack, under mocks: the bare-metal layer reads the join inputs from the
 * site's Kubernetes stack through a StackReference (never recomputing them), the Kubernetes layer
 * exports them (the CA hash and token as secrets), and the layers that do not bootstrap ask for nothing.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { stringify } from "yaml";
import { parseStackConfig, type StackConfig } from "../../program/config";
import { buildStack, type StackSecrets } from "../../program/stack";
import { JOIN_OUTPUTS } from "../../model/kubernetes/join";
import { joinStdin } from "../../model/baremetal/bootstrap/script";
import { sampleFleet } from "../helpers/fleet-fixture";
import { urns, valueOf, type Recorded } from "../helpers/mocks";

const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\ntest-only-key\n-----END OPENSSH PRIVATE KEY-----\n";
const TOKEN = "q7k2m9.x4c8v1b6n3p5r0t2";
const CA = readFileSync(join(__dirname, "..", "fixtures", "join", "ca.crt"), "utf8");
const CA_HASH = "sha256:ed54b88edb46530549933ba1a0a8a7b6bc969fd6d81a37091d242fb4e84dd493";
const KUBECONFIG = stringify({
  "current-context": "admin@lab",
  contexts: [{ name: "admin@lab", context: { cluster: "lab", user: "admin" } }],
  clusters: [{ name: "lab", cluster: { server: "https://10.250.1.100:6443", "certificate-authority-data": Buffer.from(CA).toString("base64") } }],
});

/** Records every resource; a StackReference answers with the Kubernetes stack's join outputs. */
function mocks(exported: Record<string, string> = {}): Recorded[] {
  const recorded: Recorded[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs: args.inputs as Record<string, unknown> });
        if (args.type === "pulumi:pulumi:StackReference")
          return { id: args.name, state: { name: args.name, outputs: exported, secretOutputNames: [JOIN_OUTPUTS.caCertHash, JOIN_OUTPUTS.token] } };
        return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs as Record<string, unknown> };
      },
      call(args) {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    "gigafactory",
    "test",
    false,
  );
  return recorded;
}

const SECRETS: StackSecrets = {
  bmc: () => new Map([["default", { username: "lab-admin", password: "s3cret-lab-password" }]]),
  kubernetes: () => ({ kubeconfig: pulumi.secret(KUBECONFIG), bootstrapToken: pulumi.secret(TOKEN) }),
  osBootstrap: () => ({ mode: "render", root: "/tmp/lab-node", ssh: { privateKey: pulumi.secret(KEY) } }),
};

function config(layer: string, extra: Record<string, string> = {}): StackConfig {
  return parseStackConfig({ fleet: sampleFleet("lab"), site: "lab-1", layer, ...(layer === "baremetal" ? { shard: "h1-b0" } : {}), ...extra }, process.cwd());
}

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

/** The dependencies of every resource registered from now on, by name, as the SDK sends them to the engine. */
function recordDependencies(): Map<string, string[]> {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: { getName(): string; getDependenciesList(): string[] }, cb: unknown) => unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  const seen = new Map<string, string[]>();
  monitor.registerResource = (req, cb) => {
    seen.set(req.getName(), req.getDependenciesList());
    return register(req, cb);
  };
  return seen;
}

describe("OS bootstrap in the stack", () => {
  it("bare metal: reads the join inputs from the site's Kubernetes stack and bootstraps every node after its host", async () => {
    const recorded = mocks({ [JOIN_OUTPUTS.apiServerEndpoint]: "10.250.1.100:6443", [JOIN_OUTPUTS.caCertHash]: CA_HASH, [JOIN_OUTPUTS.token]: TOKEN });
    const dependencies = recordDependencies();
    const stack = buildStack(config("baremetal", { osBootstrap: "render", osBootstrapRoot: "/tmp/lab-node" }), {
      ...SECRETS,
      osBootstrap: () => ({ mode: "render", root: "/tmp/lab/{hostname}", ssh: { privateKey: pulumi.secret(KEY) } }),
    });
    await urns(stack.resources);
    const runs = () => recorded.filter((r) => r.type === "command:remote:Command");
    for (let i = 0; i < 100 && runs().length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    const refs = recorded.filter((r) => r.type === "pulumi:pulumi:StackReference");
    assert.deepEqual(
      refs.map((r) => r.name),
      ["lab-1-kubernetes-site"],
    );
    assert.deepEqual(
      recorded.filter((r) => r.type === "gigafactory:baremetal:OsBootstrap").map((r) => r.name),
      ["lab-1-h1-r001-n01-bootstrap", "lab-1-h1-r001-n02-bootstrap", "lab-1-h1-r001-n03-bootstrap"],
    );
    assert.equal(stack.outputs.bootstrapped, 3);
    // Each node's bootstrap waits for its own host to be powered on (the SDK expands a component into its children), not for the others.
    assert.deepEqual(
      dependencies.get("lab-1-h1-r001-n02-bootstrap")!.map((urn) => urn.slice(urn.lastIndexOf("::") + 2)),
      ["lab-1-h1-r001-n02-host"],
    );
    const run = runs().find((r) => r.name === "lab-1-h1-r001-n01-bootstrap-run")!;
    assert.deepEqual(run.inputs.stdin, secret(joinStdin(TOKEN, CA_HASH)));
    assert.equal(run.inputs.create, "sh /tmp/lab/lab-1-h1-r001-n01/var/lib/gigafactory/bootstrap/bootstrap.sh --mode render --root /tmp/lab/lab-1-h1-r001-n01");
    const copy = recorded.find((r) => r.name === "lab-1-h1-r001-n01-bootstrap-script")!;
    assert.match(await (copy.inputs.source as { text: Promise<string> }).text, /^install_file \/etc\/gigafactory\/kubeadm-join\.yaml 600 /m);
  });

  it("bare metal: a Kubernetes stack without join outputs yet gives nodes configured without a join", async () => {
    const recorded = mocks({});
    const stack = buildStack(config("baremetal", { osBootstrap: "render", osBootstrapRoot: "/tmp/lab-node" }), SECRETS);
    await urns(stack.resources);
    for (let i = 0; i < 100 && !recorded.some((r) => r.name === "lab-1-h1-r001-n01-bootstrap-run"); i++) await new Promise((r) => setTimeout(r, 10));
    const copy = recorded.find((r) => r.name === "lab-1-h1-r001-n01-bootstrap-script")!;
    assert.doesNotMatch(await (copy.inputs.source as { text: Promise<string> }).text, /kubeadm-join/);
    assert.deepEqual(recorded.find((r) => r.name === "lab-1-h1-r001-n01-bootstrap-run")!.inputs.stdin, secret(""));
  });

  it("bare metal without osBootstrap: no StackReference, no bootstrap, no SSH key asked for", async () => {
    const recorded = mocks();
    const stack = buildStack(config("baremetal"), { ...SECRETS, osBootstrap: () => assert.fail("SSH access asked for") });
    await urns(stack.resources);
    assert.ok(!recorded.some((r) => r.type === "pulumi:pulumi:StackReference" || r.type.startsWith("command:remote:")));
    assert.equal(stack.outputs.bootstrapped, undefined);
  });

  it("all (the lab): hands the Kubernetes layer's join inputs over in-process, with no StackReference", async () => {
    const recorded = mocks();
    const stack = buildStack(config("all", { osBootstrap: "render", osBootstrapRoot: "/tmp/lab/{hostname}" }), SECRETS);
    await urns(stack.resources);
    for (let i = 0; i < 100 && !recorded.some((r) => r.name === "lab-1-h1-r001-n03-bootstrap-run"); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(!recorded.some((r) => r.type === "pulumi:pulumi:StackReference"));
    assert.equal(recorded.filter((r) => r.type === "gigafactory:baremetal:OsBootstrap").length, 3);
    const run = recorded.find((r) => r.name === "lab-1-h1-r001-n03-bootstrap-run")!;
    assert.deepEqual(run.inputs.stdin, secret(joinStdin(TOKEN, CA_HASH)));
    const copy = recorded.find((r) => r.name === "lab-1-h1-r001-n03-bootstrap-script")!;
    assert.match(await (copy.inputs.source as { text: Promise<string> }).text, /^install_file \/etc\/gigafactory\/kubeadm-join\.yaml 600 /m);
  });

  it("Kubernetes: creates the bootstrap token and exports the join inputs, the CA hash and token as secrets", async () => {
    const recorded = mocks();
    const stack = buildStack(config("kubernetes"), SECRETS);
    await urns(stack.resources);
    const out = stack.outputs as Record<string, pulumi.Output<string>>;
    assert.equal(await valueOf(out[JOIN_OUTPUTS.apiServerEndpoint]!), "10.250.1.100:6443");
    assert.equal(await pulumi.isSecret(out[JOIN_OUTPUTS.apiServerEndpoint]!), false);
    assert.equal(await valueOf(out[JOIN_OUTPUTS.caCertHash]!), CA_HASH);
    assert.equal(await pulumi.isSecret(out[JOIN_OUTPUTS.caCertHash]!), true);
    assert.equal(await valueOf(out[JOIN_OUTPUTS.token]!), TOKEN);
    assert.equal(await pulumi.isSecret(out[JOIN_OUTPUTS.token]!), true);
    const secretObject = recorded.find((r) => r.type === "kubernetes:core/v1:Secret")!;
    assert.equal(secretObject.name, "lab-1-bootstrap-token-secret");
    assert.equal(secretObject.inputs.type, "bootstrap.kubernetes.io/token");
    assert.deepEqual(secretObject.inputs.metadata, { name: "bootstrap-token-q7k2m9", namespace: "kube-system" });
    assert.equal((secretObject.inputs.stringData as Record<string, unknown>)[specialSigKey], specialSecretSig);
  });

  it("Kubernetes rendered to a directory exports no join inputs", async () => {
    mocks();
    const stack = buildStack(config("kubernetes"), { ...SECRETS, kubernetes: () => ({ renderDir: "/tmp/gf-render" }) });
    await urns(stack.resources);
    assert.ok(!Object.keys(stack.outputs).some((k) => k.startsWith("join")));
  });
});
