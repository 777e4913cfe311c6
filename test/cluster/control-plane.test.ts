/**
 * The lab's control plane, started on loopback from the binaries `npm run tools` builds: it serves
 * the pinned Kubernetes, the lab ledger's nodes become Ready through kwok with their labels and
 * GPUs, Kueue's CRDs are established and its webhooks answer, pods are scheduled onto the fake
 * nodes, and stopping leaves no process and no directory behind. Run by `npm run test:cluster`.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NodeManifest } from "../../model/kubernetes/fake-node";
import { GPU_RESOURCE, NODE_LABELS } from "../../model/kubernetes/node-labels";
import { siteFakeNodes } from "../../scripts/cluster/cluster";
import { CLUSTER_TOOLS, COMPONENTS, readControlPlane, running, startControlPlane, type ControlPlane } from "../../scripts/cluster/control-plane";
import { waitUntil } from "../../scripts/cluster/kube-client";
import { readKueueFiles } from "../../scripts/cluster/kueue-manifests";
import { readPid } from "../../scripts/lab/bmc-sim/processes";

const LAB_FLEET = join(__dirname, "..", "..", "inventory", "fleets", "lab");

interface Node {
  metadata: { name: string; labels: Record<string, string> };
  status: { capacity: Record<string, string>; allocatable: Record<string, string>; conditions?: { type: string; status: string }[] };
}
interface Pod {
  spec: { nodeName?: string };
  status: { phase?: string };
}

describe("the lab's control plane on loopback", () => {
  let cp: ControlPlane | undefined;
  let dir: string;
  let nodes: NodeManifest[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "gigafactory-cluster-"));
    nodes = siteFakeNodes(LAB_FLEET, "lab-1");
    cp = await startControlPlane({ dir, nodes });
  });

  after(async () => {
    await cp?.stop();
  });

  it("runs every component and serves Kubernetes v1.35.4", async () => {
    for (const c of COMPONENTS) assert.ok(running(dir, c), `${c} should run`);
    const version = await cp!.client.get<{ gitVersion: string }>("/version");
    assert.equal(version.gitVersion, "v1.35.4");
    assert.ok(cp!.server.startsWith("https://127.0.0.1:"), cp!.server);
  });

  it("makes the lab ledger's nodes Ready with their labels and GPUs", async () => {
    assert.deepEqual(
      nodes.map((n) => n.metadata.name),
      ["lab-1-h1-r001-n01", "lab-1-h1-r001-n02", "lab-1-h1-r001-n03"],
    );
    const list = await cp!.client.get<{ items: Node[] }>("/api/v1/nodes");
    assert.deepEqual(
      list.items.map((n) => n.metadata.name).sort(),
      nodes.map((n) => n.metadata.name),
    );
    for (const want of nodes) {
      const got = list.items.find((n) => n.metadata.name === want.metadata.name)!;
      assert.ok(
        got.status.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
        `${want.metadata.name} should be Ready`,
      );
      for (const [key, value] of Object.entries(want.metadata.labels)) assert.equal(got.metadata.labels[key], value, `${want.metadata.name} ${key}`);
      assert.equal(got.status.capacity[GPU_RESOURCE], "1");
      assert.equal(got.status.allocatable[GPU_RESOURCE], "1");
    }
    assert.deepEqual(list.items.map((n) => n.metadata.labels[NODE_LABELS.pool]).sort(), ["research", "research", "startup"]);
  });

  it("establishes every Kueue CRD of the module version, and Kueue's webhooks answer", async () => {
    const crds = readKueueFiles(join(CLUSTER_TOOLS, "kueue")).crds.map((c) => c.metadata.name);
    assert.equal(crds.length, 11);
    for (const name of crds) {
      const crd = await cp!.client.get<{ status: { conditions: { type: string; status: string }[] } }>(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      );
      assert.ok(
        crd.status.conditions.some((c) => c.type === "Established" && c.status === "True"),
        `${name} should be established`,
      );
    }
    // The validating webhook rejects what the schema lets through: a flavour whose node label is not a label.
    const bad = await cp!.client.request<{ message: string }>("POST", "/apis/kueue.x-k8s.io/v1beta2/resourceflavors", {
      apiVersion: "kueue.x-k8s.io/v1beta2",
      kind: "ResourceFlavor",
      metadata: { name: "bad" },
      spec: { nodeLabels: { [NODE_LABELS.sku]: "not a label value" } },
    });
    assert.equal(bad.status, 403, JSON.stringify(bad.body));
    assert.match(bad.body.message, /admission webhook "vresourceflavor\.kb\.io" denied the request/);
    const good = await cp!.client.request("POST", "/apis/kueue.x-k8s.io/v1beta2/resourceflavors", {
      apiVersion: "kueue.x-k8s.io/v1beta2",
      kind: "ResourceFlavor",
      metadata: { name: "lab-node" },
      spec: { nodeLabels: { [NODE_LABELS.sku]: "lab-node" } },
    });
    assert.equal(good.status, 201, JSON.stringify(good.body));
  });

  it("suspends a Job sent to a Kueue queue, and schedules a GPU pod onto a kwok node", async () => {
    const client = cp!.client;
    await client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "smoke" } });
    // The controller-manager creates the namespace's default service account, which pods need.
    await waitUntil(
      "default service account",
      60_000,
      async () => (await client.request("GET", "/api/v1/namespaces/smoke/serviceaccounts/default")).status === 200,
    );
    const job = await client.request<{ spec: { suspend?: boolean } }>("POST", "/apis/batch/v1/namespaces/smoke/jobs", {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "queued", labels: { "kueue.x-k8s.io/queue-name": "nowhere" } },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } } },
    });
    assert.equal(job.status, 201, JSON.stringify(job.body));
    assert.equal(job.body.spec.suspend, true, "Kueue's mutating webhook should suspend a queued Job");

    const pod = await client.request("POST", "/api/v1/namespaces/smoke/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "gpu" },
      spec: {
        // GPU nodes carry their SKU taint (Kueue adds the toleration to what it admits; this pod is sent directly).
        tolerations: [{ key: NODE_LABELS.sku, operator: "Exists", effect: "NoSchedule" }],
        containers: [{ name: "c", image: "busybox", resources: { limits: { [GPU_RESOURCE]: "1" } } }],
      },
    });
    assert.equal(pod.status, 201, JSON.stringify(pod.body));
    let got: Pod | undefined;
    await waitUntil("pod smoke/gpu running", 120_000, async () => {
      got = await client.get<Pod>("/api/v1/namespaces/smoke/pods/gpu");
      return got.status.phase === "Running";
    });
    assert.ok(
      nodes.some((n) => n.metadata.name === got!.spec.nodeName),
      `bound to ${String(got!.spec.nodeName)}`,
    );
  });

  it("stops every process and removes its directory", async () => {
    const pids = COMPONENTS.map((c) => readPid(join(dir, "run", `${c}.pid`)));
    assert.ok(pids.every((p) => p !== undefined));
    await cp!.stop();
    cp = undefined;
    for (const pid of pids) assert.equal(alive(pid!), false, `process ${pid} should be gone`);
    assert.equal(existsSync(dir), false);
    assert.equal(readControlPlane(dir), undefined);
  });
});

/** Whether a process runs (a zombie, reaped later by its parent, does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
