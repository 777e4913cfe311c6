/**
 * The lab's Kubernetes layer on a real API server: the control plane starts with the lab ledger's
 * kwok nodes and Kueue configured as the layer needs, the real engine (`pulumi up`) applies the
 * layer of site lab-1, and the live cluster then enforces it: Pod Security and the IPC_LOCK
 * admission policy, the tenants' ResourceQuota, Kueue's admission on the right flavour, the quota
 * of a class and borrowing in the cohort. Refresh shows no drift, every manifest passes a strict
 * server-side dry-run, and destroy leaves nothing of the layer behind. Run by `npm run test:cluster`.
 *
 * NetworkPolicies are stored and validated by the API server only: no CNI runs here to enforce
 * them, so no test claims traffic is blocked (and no kube-dns is needed for them to be accepted).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, parseAllDocuments, stringify } from "yaml";
import { loadFleet } from "../../inventory/load";
import type { NodeManifest } from "../../model/kubernetes/fake-node";
import { clusterQueueName, LOCAL_QUEUE_NAME, QUEUE_NAME_LABEL, type Manifest } from "../../model/kubernetes/kueue";
import { POD_SECURITY_VERSION, SITE_LABEL } from "../../model/kubernetes/labels";
import { GPU_RESOURCE, NODE_LABELS } from "../../model/kubernetes/node-labels";
import { kubernetesPlan, type KubernetesPlan } from "../../model/kubernetes/plan";
import { IPC_LOCK_POLICY } from "../../model/kubernetes/pod-security";
import { siteFakeNodes } from "../../scripts/cluster/cluster";
import { startControlPlane, type ControlPlane } from "../../scripts/cluster/control-plane";
import type { KubeClient } from "../../scripts/cluster/kube-client";

const ROOT = join(__dirname, "..", "..");
const LAB_FLEET = join(ROOT, "inventory", "fleets", "lab");
const SITE = "lab-1";
/** The stack name whose committed file (stacks/Pulumi.lab.yaml) carries the salt of the lab's passphrase. */
const STACK = "lab";
const KUEUE = "/apis/kueue.x-k8s.io/v1beta2";
const WAIT_MS = 120_000;
/** A server-side dry-run that refuses unknown and duplicate fields. */
const DRY_RUN = "dryRun=All&fieldValidation=Strict";

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Workload {
  metadata: { name: string; ownerReferences?: { kind: string; name: string }[] };
  status?: { conditions?: Condition[]; admission?: { clusterQueue: string; podSetAssignments: { flavors?: Record<string, string> }[] } };
}
interface Pod {
  metadata: { name: string };
  spec: { nodeName?: string };
  status: { phase?: string };
}
interface VapStatus {
  metadata: { generation: number };
  status?: { observedGeneration?: number; typeChecking?: { expressionWarnings?: { fieldRef: string; warning: string }[] } };
}
interface Status {
  message?: string;
}

/** A container that satisfies the restricted Pod Security profile, adding `add`. */
function restrictedContainer(add: string[] = [], limits: Record<string, string> = {}) {
  return {
    name: "c",
    image: "busybox",
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: "RuntimeDefault" },
      capabilities: { drop: ["ALL"], ...(add.length > 0 ? { add } : {}) },
    },
    ...(Object.keys(limits).length > 0 ? { resources: { limits } } : {}),
  };
}

function pod(name: string, container: Record<string, unknown>) {
  return { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { restartPolicy: "Never", containers: [container] } };
}

/**
 * kwok's default stages complete a Job's pods as soon as they run, and a finished Job gives its
 * quota back: a Job that must hold its quota pins its pods to a node label no kwok node carries,
 * so they stay Pending while its Workload stays admitted. Kueue only checks the flavour's own labels.
 */
const HOLD = { "gigafactory.test/hold": "true" };

/** A Job in the tenant's LocalQueue: `parallelism` pods of one GPU each; `hold` keeps them Pending. */
function gpuJob(name: string, parallelism: number, hold = false) {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, labels: { [QUEUE_NAME_LABEL]: LOCAL_QUEUE_NAME } },
    spec: {
      parallelism,
      completions: parallelism,
      template: { spec: { restartPolicy: "Never", ...(hold ? { nodeSelector: HOLD } : {}), containers: [restrictedContainer([], { [GPU_RESOURCE]: "1" })] } },
    },
  };
}

/** The API path of a manifest's collection (plural: lower-case kind + s, `y` → `ies`). */
function collectionPath(m: Manifest): string {
  const lower = m.kind.toLowerCase();
  const plural = lower.endsWith("y") ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  const base = m.apiVersion.includes("/") ? `/apis/${m.apiVersion}` : `/api/${m.apiVersion}`;
  return `${base}${m.metadata.namespace ? `/namespaces/${m.metadata.namespace}` : ""}/${plural}`;
}

/** Every object the plan creates through the provider (the GPU software is only rendered without a chart repository). */
function planManifests(plan: KubernetesPlan): Manifest[] {
  return [
    ...plan.flavours,
    ...plan.clusterQueues,
    ...(plan.ipcLock ? [plan.ipcLock.policy, plan.ipcLock.binding] : []),
    ...plan.tenants.flatMap((t) => {
      const m = t.manifests;
      return [m.namespace, ...m.networkPolicies, m.quota, m.limitRange, m.roleBinding, m.localQueue];
    }),
  ];
}

describe("the lab's Kubernetes layer applied by the engine to a real API server", () => {
  let cp: ControlPlane | undefined;
  let client: KubeClient;
  let dir: string;
  let work: string;
  let nodes: NodeManifest[];
  let plan: KubernetesPlan;
  let configFile: string;
  let rdmaTenant: string;
  let startupTenant: string;
  let researchTenant: string;

  /** Runs the engine with tools/env.sh's settings, this run's throwaway backend and the lab's passphrase. */
  function pulumi(args: string[], input = "", backend = "backend"): { status: number | null; output: string } {
    const script = '. "$1/tools/env.sh" && export PULUMI_CONFIG_PASSPHRASE="$GIGAFACTORY_LAB_PASSPHRASE" && shift && exec pulumi "$@"';
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_BACKEND_URL: `file://${join(work, backend)}` };
    delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
    const r = spawnSync("bash", ["-c", script, "_", ROOT, ...args, "--non-interactive", "--color", "never"], {
      cwd: ROOT,
      encoding: "utf8",
      env,
      input,
      timeout: 300_000,
      killSignal: "SIGKILL",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw new Error(`pulumi ${args.join(" ")}: ${r.error.message}`);
    return { status: r.status, output: `${r.stdout}\n${r.stderr}`.replace(ANSI, "") };
  }
  const stackArgs = () => ["--stack", STACK, "--config-file", configFile];
  function assertOk(r: { status: number | null; output: string }, what: string): void {
    assert.equal(r.status, 0, `${what} should succeed:\n${r.output}`);
  }

  /** The Workload Kueue made for Job `job` in `ns`. */
  async function workloadOf(ns: string, job: string): Promise<Workload | undefined> {
    const list = await client.get<{ items: Workload[] }>(`${KUEUE}/namespaces/${ns}/workloads`);
    return list.items.find((w) => w.metadata.ownerReferences?.some((o) => o.kind === "Job" && o.name === job));
  }
  const condition = (w: Workload | undefined, type: string) => w?.status?.conditions?.find((c) => c.type === type);
  async function waitAdmitted(ns: string, job: string): Promise<Workload> {
    let w: Workload | undefined;
    await client.waitFor(`workload of job ${ns}/${job} admitted`, WAIT_MS, async () => {
      w = await workloadOf(ns, job);
      return condition(w, "Admitted")?.status === "True";
    });
    return w!;
  }
  async function createJob(ns: string, job: ReturnType<typeof gpuJob>): Promise<void> {
    const r = await client.request("POST", `/apis/batch/v1/namespaces/${ns}/jobs`, job);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  async function deleteJob(ns: string, name: string): Promise<void> {
    const r = await client.request("DELETE", `/apis/batch/v1/namespaces/${ns}/jobs/${name}`, { propagationPolicy: "Foreground" });
    assert.ok(r.status === 200 || r.status === 202, JSON.stringify(r.body));
    await client.waitFor(`job ${ns}/${name} and its workload gone`, WAIT_MS, async () => {
      const job = await client.request("GET", `/apis/batch/v1/namespaces/${ns}/jobs/${name}`);
      return job.status === 404 && (await workloadOf(ns, name)) === undefined;
    });
  }
  /** `m` with the live object's resourceVersion: an update (PUT) of a custom resource must name it. */
  async function withVersion(m: Manifest): Promise<Manifest> {
    const live = await client.get<{ metadata: { resourceVersion: string } }>(`${collectionPath(m)}/${m.metadata.name}`);
    return { ...m, metadata: { ...m.metadata, resourceVersion: live.metadata.resourceVersion } } as Manifest;
  }
  async function waitServiceAccount(ns: string): Promise<void> {
    await client.waitFor(
      `default service account of ${ns}`,
      60_000,
      async () => (await client.request("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200,
    );
  }

  before(async () => {
    // The engine and its plugins come from `npm run tools` (tools/build.sh), which .ci/run runs first.
    if (!existsSync(join(ROOT, ".tools", "bin", "pulumi"))) throw new Error("the engine is not built: run `npm run tools` first");
    work = mkdtempSync(join(tmpdir(), "gigafactory-k8s-layer-"));
    dir = join(work, "cluster");
    mkdirSync(join(work, "backend"));
    mkdirSync(join(work, "backend-render"));
    nodes = siteFakeNodes(LAB_FLEET, SITE);
    const loaded = loadFleet(LAB_FLEET);
    const expanded = loaded.expanded.find((s) => s.site.id === SITE);
    assert.ok(expanded, `inventory/fleets/lab should hold site ${SITE}`);
    plan = kubernetesPlan(expanded);
    const tenants = expanded.site.tenants;
    rdmaTenant = tenants.find((t) => t.rdma)!.id;
    startupTenant = tenants.find((t) => t.class === "startup")!.id;
    researchTenant = tenants.find((t) => t.class === "research")!.id;
    cp = await startControlPlane({ dir, nodes });
    client = cp.client;
    // The stack's config: the committed lab file's salt (the lab's passphrase), the Kubernetes
    // layer of lab-1, and the kubeconfig as a secret; never in the repository.
    const salt = (parse(readFileSync(join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8")) as { encryptionsalt: string }).encryptionsalt;
    configFile = join(work, "Pulumi.lab.yaml");
    writeFileSync(
      configFile,
      stringify({ config: { "gigafactory:fleet": "inventory/fleets/lab", "gigafactory:site": SITE, "gigafactory:layer": "kubernetes" }, encryptionsalt: salt }),
      { mode: 0o600 },
    );
  });

  after(async () => {
    await cp?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("pulumi up applies the layer: flavours, cluster queues, the IPC_LOCK policy and the tenants", async () => {
    assertOk(pulumi(["stack", "init", STACK, "--no-select"]), "stack init");
    assertOk(
      pulumi(["config", "set", "--secret", ...stackArgs(), "gigafactory:kubeconfig"], readFileSync(cp!.kubeconfig, "utf8")),
      "config set --secret kubeconfig",
    );
    assert.doesNotMatch(readFileSync(configFile, "utf8"), /client-key-data/, "the kubeconfig is stored encrypted");
    const up = pulumi(["up", "--yes", ...stackArgs()]);
    assertOk(up, "pulumi up");
    for (const m of planManifests(plan)) {
      const r = await client.request("GET", `${collectionPath(m)}/${m.metadata.name}`);
      assert.equal(r.status, 200, `${m.kind} ${m.metadata.namespace ?? ""}/${m.metadata.name} should exist: ${JSON.stringify(r.body)}`);
    }
    await waitServiceAccount(startupTenant);
    await waitServiceAccount(researchTenant);
  });

  it("every manifest of the layer passes a strict server-side dry-run (unknown fields, CRD schemas, the policy's CEL)", async () => {
    const manifests = planManifests(plan);
    assert.ok(manifests.length >= 10, `${manifests.length} manifests`);
    for (const m of manifests) {
      const r = await client.request<Status>("PUT", `${collectionPath(m)}/${m.metadata.name}?${DRY_RUN}`, await withVersion(m));
      assert.ok(r.status >= 200 && r.status < 300, `${m.kind} ${m.metadata.name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    // The API server compiled the policy's CEL when it stored it; its type check against Pod finds nothing to warn about.
    const policy = plan.ipcLock!.policy.metadata.name;
    let vap: VapStatus | undefined;
    await client.waitFor(`policy ${policy} type-checked`, WAIT_MS, async () => {
      vap = await client.get<VapStatus>(`/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/${policy}`);
      return vap.status?.observedGeneration === vap.metadata.generation;
    });
    assert.deepEqual(vap!.status!.typeChecking?.expressionWarnings ?? [], []);
    // The check can fail: an unknown field in a Kueue object is refused.
    const flavour = plan.flavours[0]!;
    const bad = { ...flavour, spec: { ...(flavour.spec as object), nodeLabelz: {} } };
    const r = await client.request<Status>("PUT", `${collectionPath(flavour)}/${flavour.metadata.name}?${DRY_RUN}`, await withVersion(bad));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.message ?? "", /strict decoding error: unknown field "spec\.nodeLabelz"/);
  });

  it("the manifests renderYamlToDirectory writes for review pass the same strict dry-run", async () => {
    // The same layer through a rendering provider, in a stack of its own (its own backend).
    const rendered = join(work, "rendered");
    const salt = (parse(readFileSync(configFile, "utf8")) as { encryptionsalt: string }).encryptionsalt;
    const renderConfig = join(work, "render", "Pulumi.lab.yaml");
    mkdirSync(join(work, "render"));
    writeFileSync(
      renderConfig,
      stringify({
        config: { "gigafactory:fleet": "inventory/fleets/lab", "gigafactory:site": SITE, "gigafactory:layer": "kubernetes", "gigafactory:renderDir": rendered },
        encryptionsalt: salt,
      }),
    );
    assertOk(pulumi(["stack", "init", STACK, "--no-select"], "", "backend-render"), "stack init (render)");
    assertOk(pulumi(["up", "--yes", "--stack", STACK, "--config-file", renderConfig], "", "backend-render"), "pulumi up (render)");
    const files = readdirSync(rendered, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));
    const docs = files.flatMap((f) => parseAllDocuments(readFileSync(join(rendered, f), "utf8")).map((d) => d.toJS() as Manifest));
    assert.deepEqual(
      docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ""}/${d.metadata.name}`).sort(),
      planManifests(plan)
        .map((m) => `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`)
        .sort(),
      "the rendered files hold the plan's objects",
    );
    for (const m of docs) {
      const r = await client.request<Status>("PUT", `${collectionPath(m)}/${m.metadata.name}?${DRY_RUN}`, await withVersion(m));
      assert.ok(r.status >= 200 && r.status < 300, `rendered ${m.kind} ${m.metadata.name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
  });

  it("refuses a privileged pod in a tenant namespace: Pod Security, and the IPC_LOCK policy in the RDMA tenant", async () => {
    const privileged = { ...restrictedContainer(), securityContext: { privileged: true } };
    const r = await client.request<Status>("POST", `/api/v1/namespaces/${startupTenant}/pods`, pod("privileged", privileged));
    assert.equal(r.status, 403, JSON.stringify(r.body));
    const version = POD_SECURITY_VERSION.replace(".", "\\.");
    assert.match(
      r.body.message ?? "",
      new RegExp(`violates PodSecurity "restricted:${version}": .*privileged \\(container "c" must not set securityContext\\.privileged=true\\)`),
    );
    const rdma = await client.request<Status>("POST", `/api/v1/namespaces/${rdmaTenant}/pods`, pod("privileged", privileged));
    assert.equal(rdma.status, 403, JSON.stringify(rdma.body));
    assert.match(
      rdma.body.message ?? "",
      new RegExp(`ValidatingAdmissionPolicy '${IPC_LOCK_POLICY}' with binding '[^']+' denied request: containers must not be privileged`),
    );
  });

  it("admits IPC_LOCK in the RDMA tenant, and refuses IPC_LOCK with NET_ADMIN", async () => {
    const ok = await client.request<Status>("POST", `/api/v1/namespaces/${rdmaTenant}/pods`, pod("ipc-lock", restrictedContainer(["IPC_LOCK"])));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const wider = await client.request<Status>(
      "POST",
      `/api/v1/namespaces/${rdmaTenant}/pods`,
      pod("net-admin", restrictedContainer(["IPC_LOCK", "NET_ADMIN"])),
    );
    assert.equal(wider.status, 403, JSON.stringify(wider.body));
    assert.match(wider.body.message ?? "", /denied request: containers may add only NET_BIND_SERVICE and IPC_LOCK/);
    // Outside the RDMA tenant, restricted Pod Security refuses IPC_LOCK itself.
    const startup = await client.request<Status>("POST", `/api/v1/namespaces/${startupTenant}/pods`, pod("ipc-lock", restrictedContainer(["IPC_LOCK"])));
    assert.equal(startup.status, 403, JSON.stringify(startup.body));
    assert.equal(
      startup.body.message,
      `pods "ipc-lock" is forbidden: violates PodSecurity "restricted:${POD_SECURITY_VERSION}": unrestricted capabilities (container "c" must not include "IPC_LOCK" in securityContext.capabilities.add)`,
    );
    const del = await client.request("DELETE", `/api/v1/namespaces/${rdmaTenant}/pods/ipc-lock`, { gracePeriodSeconds: 0 });
    assert.equal(del.status, 200, JSON.stringify(del.body));
  });

  it("refuses a pod over the tenant's ResourceQuota", async () => {
    const quota = plan.tenants.find((t) => t.id === startupTenant)!.manifests.quota as Manifest & { spec: { hard: Record<string, string> } };
    const limit = Number(quota.spec.hard[`requests.${GPU_RESOURCE}`]);
    const over = pod("over-quota", restrictedContainer([], { [GPU_RESOURCE]: String(limit + 1) }));
    const r = await client.request<Status>("POST", `/api/v1/namespaces/${startupTenant}/pods`, over);
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.match(
      r.body.message ?? "",
      new RegExp(
        `exceeded quota: tenant-quota, requested: requests\\.nvidia\\.com/gpu=${limit + 1}, used: requests\\.nvidia\\.com/gpu=0, limited: requests\\.nvidia\\.com/gpu=${limit}`,
      ),
    );
  });

  it("Kueue admits a Job of the tenant's LocalQueue, and its pod runs on a kwok node of the flavour's SKU", async () => {
    await createJob(startupTenant, gpuJob("train", 1));
    const w = await waitAdmitted(startupTenant, "train");
    assert.equal(w.status!.admission!.clusterQueue, clusterQueueName("startup"));
    const flavour = w.status!.admission!.podSetAssignments[0]!.flavors![GPU_RESOURCE]!;
    assert.equal(flavour, plan.flavours[0]!.metadata.name);
    let running: Pod | undefined;
    let seen = "";
    try {
      await client.waitFor(`pod of job ${startupTenant}/train running`, WAIT_MS, async () => {
        const pods = await client.get<{ items: Pod[] }>(`/api/v1/namespaces/${startupTenant}/pods?labelSelector=job-name%3Dtrain`);
        seen = JSON.stringify(pods.items.map((p) => ({ name: p.metadata.name, node: p.spec.nodeName, status: p.status })));
        // kwok runs a Job's pod and completes it at once (its default stages).
        running = pods.items.find((p) => p.status.phase === "Running" || p.status.phase === "Succeeded");
        return running !== undefined;
      });
    } catch (e) {
      const events = await client.get<{ items: { involvedObject: { kind: string; name: string }; reason: string; message: string }[] }>(
        `/api/v1/namespaces/${startupTenant}/events`,
      );
      const what = events.items.map((ev) => `${ev.involvedObject.kind}/${ev.involvedObject.name} ${ev.reason}: ${ev.message}`).join("\n");
      throw new Error(`${(e as Error).message}\npods: ${seen}\nevents:\n${what}`, { cause: e });
    }
    const node = nodes.find((n) => n.metadata.name === running!.spec.nodeName);
    assert.ok(node, `bound to a kwok node of the lab, not ${String(running!.spec.nodeName)}`);
    assert.equal(node.metadata.labels[NODE_LABELS.sku], flavour);
    await deleteJob(startupTenant, "train");
  });

  it("keeps a Job beyond its class's quota pending, and admits it by borrowing once the cohort has room", async () => {
    const startupQueue = plan.clusterQueues.find((q) => q.metadata.name === clusterQueueName("startup"))! as Manifest & {
      spec: { resourceGroups: { flavors: { resources: { nominalQuota: string }[] }[] }[] };
    };
    const nominal = Number(startupQueue.spec.resourceGroups[0]!.flavors[0]!.resources[0]!.nominalQuota);
    const built = plan.built.reduce((n, b) => n + b.gpus, 0);
    const researchNominal = built - nominal;
    assert.deepEqual([nominal, researchNominal], [1, 2], "the lab's startup class holds 1 GPU of 3, research 2");
    // Research uses its whole nominal quota: the cohort has nothing left to lend.
    await createJob(researchTenant, gpuJob("fill", researchNominal, true));
    await waitAdmitted(researchTenant, "fill");
    // Startup asks for twice its nominal quota: it would have to borrow what research uses.
    await createJob(startupTenant, gpuJob("big", nominal * 2, true));
    let pending: Condition | undefined;
    await client.waitFor(`workload of ${startupTenant}/big evaluated`, WAIT_MS, async () => {
      pending = condition(await workloadOf(startupTenant, "big"), "QuotaReserved");
      return pending?.status === "False" && pending.reason === "Pending";
    });
    assert.match(pending!.message ?? "", /insufficient unused quota for nvidia\.com\/gpu in flavor lab-node/);
    assert.notEqual(condition(await workloadOf(startupTenant, "big"), "Admitted")?.status, "True");
    // Research finishes: its unused quota is lent, and the startup Job is admitted by borrowing.
    await deleteJob(researchTenant, "fill");
    await waitAdmitted(startupTenant, "big");
    // The ClusterQueue's status reports the borrowing once Kueue has written it.
    let usage: { total?: string; borrowed?: string } | undefined;
    await client.waitFor("the startup ClusterQueue reports its borrowing", WAIT_MS, async () => {
      const cq = await client.get<{ status?: { flavorsReservation?: { name: string; resources: { name: string; total: string; borrowed: string }[] }[] } }>(
        `${KUEUE}/clusterqueues/${clusterQueueName("startup")}`,
      );
      usage = cq.status?.flavorsReservation?.find((f) => f.name === plan.flavours[0]!.metadata.name)?.resources.find((r) => r.name === GPU_RESOURCE);
      return usage?.total === String(nominal * 2);
    });
    assert.deepEqual({ total: usage!.total, borrowed: usage!.borrowed }, { total: String(nominal * 2), borrowed: String(nominal) });
    await deleteJob(startupTenant, "big");
  });

  it("pulumi refresh then preview --expect-no-changes: no drift", () => {
    assertOk(pulumi(["refresh", "--yes", ...stackArgs()]), "pulumi refresh");
    assertOk(pulumi(["preview", "--expect-no-changes", ...stackArgs()]), "pulumi preview --expect-no-changes");
  });

  it("pulumi destroy leaves none of the layer's objects behind", async () => {
    assertOk(pulumi(["destroy", "--yes", ...stackArgs()]), "pulumi destroy");
    const tenants = plan.tenants.map((t) => t.id);
    await client.waitFor("tenant namespaces gone", WAIT_MS, async () => {
      const ns = await client.get<{ items: { metadata: { name: string } }[] }>("/api/v1/namespaces");
      return !ns.items.some((n) => tenants.includes(n.metadata.name));
    });
    const bySite = `labelSelector=${encodeURIComponent(`${SITE_LABEL}=${SITE}`)}`;
    for (const path of [
      `${KUEUE}/clusterqueues`,
      `${KUEUE}/resourceflavors`,
      `${KUEUE}/localqueues`,
      "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies",
      "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings",
    ]) {
      const all = await client.get<{ items: { metadata: { name: string } }[] }>(path);
      const site = await client.get<{ items: unknown[] }>(`${path}?${bySite}`);
      assert.deepEqual(
        all.items.map((i) => i.metadata.name).filter((n) => planManifests(plan).some((m) => m.metadata.name === n)),
        [],
        `${path} should hold none of the layer's objects`,
      );
      assert.equal(site.items.length, 0, `${path} labelled ${SITE}`);
    }
  });
});
