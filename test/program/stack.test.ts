/**
 * The stack as the program composes it, under recording mocks: the preflight gate refuses a
 * non-compliant site before anything registers; the bare-metal and Kubernetes layers build the
 * expected resources, with credentials only as secrets.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { parseStackConfig, type StackConfig } from "../../program/config";
import { buildStack, type StackSecrets } from "../../program/stack";
import { ALL_TYPES } from "../helpers/type-tokens";
import { countByType, eventually, parentAndType, recordResources, urns, valueOf } from "../helpers/mocks";
import { sampleFleet, type SampleFleet } from "../helpers/fleet-fixture";

const SECRETS: StackSecrets = {
  bmc: () => new Map([["default", { username: "lab-admin", password: "s3cret-lab-password" }]]),
  kubernetes: () => ({ renderDir: "/tmp/gigafactory-render-test" }),
};

function config(fleet: SampleFleet, site: string, layer: string, shard?: string, allowDecommission?: boolean): StackConfig {
  return parseStackConfig(
    { fleet: sampleFleet(fleet), site, layer, ...(shard ? { shard } : {}), ...(allowDecommission !== undefined ? { allowDecommission } : {}) },
    process.cwd(),
  );
}

/**
 * The `protect` option of every resource registered from now on, by name, as the SDK sends it to
 * the engine (the mocks' `newResource` does not see resource options, the monitor does).
 */
function recordProtect(): Map<string, boolean> {
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: { getName(): string; getProtect(): boolean }, cb: unknown) => unknown };
  const register = monitor.registerResource.bind(monitor);
  const seen = new Map<string, boolean>();
  monitor.registerResource = (req, cb) => {
    seen.set(req.getName(), req.getProtect());
    return register(req, cb);
  };
  return seen;
}

describe("stack composition", () => {
  it("refuses a site outside the EU before registering anything, with the pack's messages", async () => {
    const recorded = recordResources(ALL_TYPES);
    assert.throws(
      () => buildStack(config("iceland-legacy", "kef-1", "baremetal", "h1-b0"), SECRETS),
      (e: Error) => {
        assert.equal(
          e.message,
          [
            "preflight refused site [kef-1]: 2 mandatory policy violations",
            "  [eu-jurisdiction] site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU (inventory/fleets/iceland-legacy/sites/kef-1.yaml:3:10)",
            "  [data-residency] storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU (inventory/fleets/iceland-legacy/sites/kef-1.yaml:74:16)",
          ].join("\n"),
        );
        return true;
      },
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(recorded.length, 0, "nothing registered");
    assert.deepEqual(recorded.refused, []);
  });

  it("builds the physical layer of a refused site, so that the policy pack judges its facts in preview", async () => {
    const recorded = recordResources(ALL_TYPES);
    const stack = buildStack(config("iceland-legacy", "kef-1", "physical"), SECRETS);
    await urns(stack.resources);
    const site = recorded.find((r) => r.type === "gigafactory:site:Site")!;
    assert.equal(site.inputs.country, "IS");
    assert.equal(site.inputs.siteId, "kef-1");
    assert.deepEqual(stack.outputs.preflight, {
      ok: false,
      findings: [
        "mandatory [eu-jurisdiction] site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU",
        "mandatory [data-residency] storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU",
      ],
    });
    assert.equal(recorded.filter((r) => r.custom).length, 0, "the physical layer provisions nothing");
  });

  it("builds the bare-metal layer of a shard: one node per server, its host served by the bare-metal provider", async () => {
    const recorded = recordResources(ALL_TYPES);
    const stack = buildStack(config("lab", "lab-1", "baremetal", "h1-b0"), SECRETS);
    await urns(stack.resources);
    await eventually(() => recorded.length === 7);
    const hosts = recorded.filter((r) => r.type === "gigafactory-baremetal:index:BareMetalHost");
    assert.deepEqual(countByType(recorded), {
      "gigafactory:site:Site": 1,
      "gigafactory:baremetal:BareMetalNode": 3,
      "gigafactory-baremetal:index:BareMetalHost": 3,
    });
    assert.deepEqual(
      hosts.map((p) => p.name),
      ["lab-1-h1-r001-n01-host", "lab-1-h1-r001-n02-host", "lab-1-h1-r001-n03-host"],
    );
    const first = hosts[0]!.inputs;
    assert.equal(first.hostname, "lab-1-h1-r001-n01");
    assert.equal(first.bmcUrl, "redfish+http://127.0.10.1:8000/redfish/v1/Systems/1");
    assert.equal(first.fallbackUrl, "ipmi://127.0.10.1:6230");
    assert.deepEqual(first.feeds, ["lab-1-h1-r001/feed-1", "lab-1-h1-r001/feed-2"]);
    assert.deepEqual(first.parallelism, { total: 64, perFeed: 4 });
    assert.deepEqual(first.boot, { kind: "pxe" });
    assert.deepEqual(first.expected, { id: "lab-node", accelerator: { model: "SIM", count: 1 }, rails: 1, railSpeedGbps: 100, storagePorts: 2 });
    // The engine receives the credentials as a secret envelope: encrypted in state, masked in output.
    assert.deepEqual(first.credentials, { [specialSigKey]: specialSecretSig, value: { username: "lab-admin", password: "s3cret-lab-password" } });
    const node = stack.resources[1] as unknown as { host: { urn: pulumi.Output<string> } };
    assert.deepEqual(parentAndType(await valueOf(node.host.urn)), ["gigafactory:baremetal:BareMetalNode", "gigafactory-baremetal:index:BareMetalHost"]);
  });

  it("protects a production node's host, so that a destroy never powers it off", async () => {
    recordResources(ALL_TYPES);
    const protect = recordProtect();
    const stack = buildStack(config("lab", "lab-1", "baremetal", "h1-b0"), SECRETS);
    await urns(stack.resources);
    await eventually(() => protect.size === 7);
    assert.deepEqual(Object.fromEntries([...protect].filter(([name]) => name.endsWith("-host"))), {
      "lab-1-h1-r001-n01-host": true,
      "lab-1-h1-r001-n02-host": true,
      "lab-1-h1-r001-n03-host": true,
    });
    assert.equal(protect.get("lab-1"), false, "the site component is not protected: it touches no hardware");
  });

  it("leaves the nodes unprotected when the stack allows decommissioning (the lab)", async () => {
    recordResources(ALL_TYPES);
    const protect = recordProtect();
    const stack = buildStack(config("lab", "lab-1", "all", undefined, true), SECRETS);
    await urns(stack.resources);
    await eventually(() => [...protect.keys()].filter((n) => n.endsWith("-host")).length === 3);
    assert.deepEqual(
      [...protect].filter(([, p]) => p),
      [],
      "nothing protected",
    );
  });

  it("keeps the BMC password a secret all the way to the host's credentials", async () => {
    recordResources(ALL_TYPES);
    const stack = buildStack(config("lab", "lab-1", "baremetal", "h1-b0"), SECRETS);
    await urns(stack.resources);
    const node = stack.resources[1] as unknown as { host: { credentials: pulumi.Output<unknown> } };
    assert.equal(await pulumi.isSecret(node.host.credentials), true);
  });

  it("builds the Kubernetes layer: Kueue queues, the IPC_LOCK exception, a namespace per tenant, and the GPU software rendered only", async () => {
    const recorded = recordResources(ALL_TYPES);
    const stack = buildStack(config("lab", "lab-1", "kubernetes"), SECRETS);
    await urns(stack.resources);
    await eventually(() => recorded.length === 30);
    assert.deepEqual(countByType(recorded), {
      "gigafactory:site:Site": 1,
      "pulumi:providers:kubernetes": 1,
      "gigafactory:kubernetes:GpuQueues": 1,
      "kubernetes:kueue.x-k8s.io/v1beta2:ResourceFlavor": 1,
      "kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue": 2,
      "gigafactory:kubernetes:IpcLockException": 1,
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy": 1,
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding": 1,
      "gigafactory:kubernetes:TenantNamespace": 2,
      "kubernetes:core/v1:Namespace": 2,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 8,
      "kubernetes:core/v1:ResourceQuota": 2,
      "kubernetes:core/v1:LimitRange": 2,
      "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": 2,
      "kubernetes:kueue.x-k8s.io/v1beta2:LocalQueue": 2,
      "gigafactory:kubernetes:GpuSoftware": 1,
    });
    const ns = recorded.find((r) => r.type === "kubernetes:core/v1:Namespace" && r.name === "lab-1-lab-startup-namespace")!;
    assert.equal((ns.inputs.metadata as { labels: Record<string, string> }).labels["pod-security.kubernetes.io/enforce"], "restricted");
    const deny = recorded.find((r) => r.name === "lab-1-lab-startup-default-deny")!;
    assert.deepEqual(deny.inputs.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const quota = recorded.find((r) => r.name === "lab-1-lab-research-tenant-quota")!;
    assert.equal((quota.inputs.spec as { hard: Record<string, string> }).hard["requests.nvidia.com/gpu"], "2");
    const provider = recorded.find((r) => r.type === "pulumi:providers:kubernetes")!;
    assert.equal(provider.inputs.renderYamlToDirectory, "/tmp/gigafactory-render-test");
    const software = stack.outputs.gpuSoftware as { applied: string[]; renderedOnly: string[]; rendered?: unknown };
    assert.deepEqual(software.applied, []);
    assert.deepEqual(software.renderedOnly, [
      "helm:gpu-operator@v25.3.4",
      "helm:network-operator@25.7.0",
      "NVIDIADriver/lab-node",
      "NicClusterPolicy/nic-cluster-policy",
    ]);
    assert.ok(software.rendered);
  });

  it("applies the GPU software as Helm releases when a chart repository is configured", async () => {
    const recorded = recordResources([
      ...ALL_TYPES,
      "kubernetes:helm.sh/v3:Release",
      "kubernetes:nvidia.com/v1alpha1:NVIDIADriver",
      "kubernetes:mellanox.com/v1alpha1:NicClusterPolicy",
    ]);
    const stack = buildStack(config("lab", "lab-1", "kubernetes"), {
      ...SECRETS,
      kubernetes: () => ({ renderDir: "/tmp/gigafactory-render-test", chartRepository: "https://charts.example.eu/nvidia" }),
    });
    await urns(stack.resources);
    await eventually(() => recorded.length === 30 + 2 + 2 + 1 + 1);
    const releases = recorded.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
    assert.deepEqual(
      releases.map((r) => [r.inputs.chart, r.inputs.version, (r.inputs.repositoryOpts as { repo: string }).repo]),
      [
        ["gpu-operator", "v25.3.4", "https://charts.example.eu/nvidia"],
        ["network-operator", "25.7.0", "https://charts.example.eu/nvidia"],
      ],
    );
    assert.deepEqual((stack.outputs.gpuSoftware as { renderedOnly: string[] }).renderedOnly, []);
  });

  it("creates no Kubernetes resource for a site the preflight gate refuses", async () => {
    const recorded = recordResources(ALL_TYPES);
    assert.throws(() => buildStack(config("iceland-legacy", "kef-1", "kubernetes"), SECRETS), { name: "PreflightError" });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(recorded.length, 0);
    assert.deepEqual(recorded.refused, []);
  });

  it("builds every layer of the lab in one stack, and refuses `all` for a large site", async () => {
    const recorded = recordResources(ALL_TYPES);
    const stack = buildStack(config("lab", "lab-1", "all"), SECRETS);
    await urns(stack.resources);
    await eventually(() => recorded.filter((r) => r.custom).length === 3 + 1 + 23);
    const counts = countByType(recorded);
    assert.equal(counts["gigafactory-baremetal:index:BareMetalHost"], 3);
    assert.equal(counts["gigafactory:kubernetes:TenantNamespace"], 2);
    assert.equal(counts["gigafactory:site:Site"], 1);
    assert.throws(() => buildStack(config("nordic-baltic", "hamina-1", "all"), SECRETS), {
      message: 'site [hamina-1] has 280 racks; layer "all" builds at most 8 in one stack (use one stack per layer and shard)',
    });
  });
});
