/**
 * A Kubernetes control plane on loopback for the lab and the tests, from the binaries
 * `npm run tools` builds into .tools/cluster (tools/build-cluster.sh): etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok in place of the kubelets (fake nodes from the
 * ledger) and the Kueue controller with its CRDs and webhooks.
 *
 * Everything lives in one directory (certificates, kubeconfig, etcd's data, logs, PID files):
 * the processes are started detached, so the lab's cluster outlives `npm run lab`;
 * {@link stopControlPlane} stops them from their PID files and, when asked, removes the directory.
 * Every port is on 127.0.0.1 and picked free at start.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { KWOK_NODE_SELECTOR, type NodeManifest } from "../../model/kubernetes/fake-node";
import { KUEUE_EXCLUDED_RESOURCE_PREFIXES } from "../../model/kubernetes/kueue";
import { daemon, isOurs, readPid, tail, terminate } from "../lab/bmc-sim/processes";
import { GiveUp, KubeClient, waitUntil } from "./kube-client";
import { kueueCrds, kueueWebhooks, readKueueFiles, type KubeObject } from "./kueue-manifests";
import { kueueServiceDnsName, makePki, type ClusterPki } from "./pki";

const ROOT = resolve(__dirname, "..", "..");

/** Where tools/build-cluster.sh puts the binaries and upstream's files. */
export const CLUSTER_TOOLS = join(ROOT, ".tools", "cluster");

/** The processes of a control plane, in start order (stopped in reverse). */
export const COMPONENTS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "kueue"] as const;
export type Component = (typeof COMPONENTS)[number];

/** Kueue's namespace, webhook service and secret: the names its certificate rotator derives everything from. */
export const KUEUE = {
  namespace: "kueue-system",
  webhookService: "kueue-webhook-service",
  webhookSecret: "kueue-webhook-server-cert",
  /** Upstream's kustomize `namePrefix`; the rotator finds `kueue-{mutating,validating}-webhook-configuration`. */
  namePrefix: "kueue-",
} as const;

/** Options of {@link startControlPlane}. */
export interface ControlPlaneOptions {
  /** Directory for everything the cluster writes; created, must be empty or absent. */
  readonly dir: string;
  /** Fake nodes to create for kwok (see model/kubernetes/fake-node.ts). @default [] */
  readonly nodes?: readonly NodeManifest[];
  /** Start Kueue with its CRDs and webhooks. @default true */
  readonly kueue?: boolean;
  /** Where the binaries and upstream's files are. @default CLUSTER_TOOLS */
  readonly tools?: string;
  /** How long each step may take to become ready, in milliseconds. @default 180000 */
  readonly readyTimeoutMs?: number;
  /** Progress lines. @default nothing */
  readonly log?: (line: string) => void;
}

/** What a started control plane gives its users. */
export interface ControlPlane {
  readonly dir: string;
  /** `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** Path of an admin kubeconfig (certificates embedded; mode 600). */
  readonly kubeconfig: string;
  /** The admin's client, for checks. */
  readonly client: KubeClient;
  /** Milliseconds from the call to everything ready. */
  readonly startedInMs: number;
  /** Stops every process; removes the directory unless `keep`. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

/** The state file a running control plane leaves in its directory. */
export interface ControlPlaneState {
  readonly server: string;
  readonly kubeconfig: string;
  readonly ports: Readonly<Record<string, number>>;
  readonly components: readonly Component[];
}

/** The admin kubeconfig: one cluster, one user, certificates embedded. */
export function renderKubeconfig(server: string, caPem: string, certPem: string, keyPem: string, name = "gigafactory-lab"): string {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server, "certificate-authority-data": b64(caPem) } }],
    users: [{ name: `${name}-admin`, user: { "client-certificate-data": b64(certPem), "client-key-data": b64(keyPem) } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
    "current-context": name,
  });
}

/** Kueue's configuration (config.kueue.x-k8s.io/v1beta2) for a controller outside the cluster. */
export function kueueConfig(ports: { webhook: number; health: number }, certDir: string): Record<string, unknown> {
  return {
    apiVersion: "config.kueue.x-k8s.io/v1beta2",
    kind: "Configuration",
    namespace: KUEUE.namespace,
    health: { healthProbeBindAddress: `127.0.0.1:${ports.health}` },
    // "0" turns the metrics server off.
    metrics: { bindAddress: "0" },
    webhook: { host: "127.0.0.1", port: ports.webhook, certDir },
    leaderElection: { leaderElect: false },
    // The rotator keeps the secret we seed (our CA and a certificate also valid for 127.0.0.1) and
    // injects the CA into the webhooks; with it off, Kueue insists on /etc/kueue/metrics/certs.
    internalCertManagement: { enable: true, webhookServiceName: KUEUE.webhookService, webhookSecretName: KUEUE.webhookSecret },
    integrations: { frameworks: ["batch/job"] },
    // What the Kubernetes layer needs (README, "What the cluster needs"): the ClusterQueues cover
    // GPUs only, and the cohort's queues borrow by fair-sharing weight. In config v1beta2 fair
    // sharing is on when `fairSharing` is set (cmd/kueue/main.go); these are upstream's defaults.
    resources: { excludeResourcePrefixes: [...KUEUE_EXCLUDED_RESOURCE_PREFIXES] },
    fairSharing: { preemptionStrategies: ["LessThanOrEqualToFinalShare", "LessThanInitialShare"] },
    // The on-demand visibility API is an aggregated API server of its own; nothing here uses it.
    featureGates: { VisibilityOnDemand: false },
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/** The PID files' folder. */
const runDir = (dir: string) => join(dir, "run");

function probe(url: string, ca?: Buffer): Promise<boolean> {
  return new Promise((res, rej) => {
    const done = (r: import("node:http").IncomingMessage) => {
      r.resume();
      res(r.statusCode === 200);
    };
    const req = url.startsWith("https:") ? httpsGet(url, { ca, timeout: 5000 }, done) : httpGet(url, { timeout: 5000 }, done);
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer`)));
    req.on("error", rej);
  });
}

/** The file that marks a directory as a control plane's: only such a directory is ever removed. */
const CONTROL_PLANE_MARKER = ".gigafactory-control-plane";

/** Refuses to start when a binary, openssl or a free directory is missing. */
function checkPrerequisites(dir: string, tools: string, withKueue: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, CONTROL_PLANE_MARKER))) {
    throw new Error(`control plane: ${dir} holds files of something else; choose an empty or new directory`);
  }
  const needed = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", ...(withKueue ? ["kueue"] : [])];
  const missing = needed.filter((b) => !existsSync(join(tools, "bin", b)));
  if (missing.length > 0) throw new Error(`control plane: ${missing.join(", ")} not built in ${tools}/bin; run npm run tools`);
  const probeOpenssl = spawnSync("openssl", ["version"], { stdio: "ignore" });
  if (probeOpenssl.error) throw new Error("control plane: openssl not found on PATH (Debian: apt-get install -y openssl)");
  if (existsSync(join(dir, "cluster.json"))) throw new Error(`control plane: ${dir} already holds a cluster; stop it first`);
}

/** A free loopback port for every listener of the control plane. */
async function allocatePorts() {
  return {
    etcd: await freePort(),
    etcdPeer: await freePort(),
    apiserver: await freePort(),
    controllerManager: await freePort(),
    scheduler: await freePort(),
    kueueWebhook: await freePort(),
    kueueHealth: await freePort(),
  };
}

/** etcd: plain HTTP, loopback only, no fsync (throwaway data). */
function etcdArgs(dir: string, etcdUrl: string, peerUrl: string): string[] {
  return [
    "--name",
    "gigafactory",
    "--data-dir",
    join(dir, "etcd"),
    "--listen-client-urls",
    etcdUrl,
    "--advertise-client-urls",
    etcdUrl,
    "--listen-peer-urls",
    peerUrl,
    "--initial-advertise-peer-urls",
    peerUrl,
    "--initial-cluster",
    `gigafactory=${peerUrl}`,
    "--unsafe-no-fsync",
    "--log-level",
    "warn",
  ];
}

/** The arguments of the controller-manager, the scheduler and kwok: each talks to the API server with the admin kubeconfig. */
function controllerArgs(kubeconfig: string, pki: ClusterPki, ports: { controllerManager: number; scheduler: number }, kwokStages: string) {
  const common = [
    ...["--kubeconfig", kubeconfig, "--authentication-kubeconfig", kubeconfig, "--authorization-kubeconfig", kubeconfig],
    ...["--bind-address=127.0.0.1", "--tls-cert-file", pki.serving.cert, "--tls-private-key-file", pki.serving.key, "--leader-elect=false"],
  ];
  return {
    controllerManager: [
      ...common,
      `--secure-port=${ports.controllerManager}`,
      ...["--service-account-private-key-file", pki.serviceAccount.key, "--root-ca-file", pki.ca.cert],
      ...["--cluster-name=gigafactory-lab", "--use-service-account-credentials=false"],
    ],
    scheduler: [...common, `--secure-port=${ports.scheduler}`],
    kwok: [
      ...["--kubeconfig", kubeconfig, "--config", kwokStages, "--manage-all-nodes=false"],
      ...[`--manage-nodes-with-annotation-selector=${KWOK_NODE_SELECTOR}`, "--cidr=10.128.0.0/12", "--node-lease-duration-seconds=40"],
    ],
  };
}

/** Starts a control plane in `options.dir`; stops what it started when a step fails. */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const started = Date.now();
  const dir = resolve(options.dir);
  const tools = options.tools ?? CLUSTER_TOOLS;
  const timeout = options.readyTimeoutMs ?? 180_000;
  const log = options.log ?? (() => undefined);
  const withKueue = options.kueue ?? true;
  const bin = (name: string) => join(tools, "bin", name);
  checkPrerequisites(dir, tools, withKueue);

  for (const sub of ["pki", "run", "logs", "kueue-certs"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, CONTROL_PLANE_MARKER), "a control plane's directory: `npm run cluster -- down` removes it\n");
  const components: Component[] = [];
  let client: KubeClient | undefined;
  const stop = async (opts: { keep?: boolean } = {}) => {
    client?.close();
    await stopControlPlane(dir, { remove: !opts.keep });
  };

  try {
    const pki = makePki(join(dir, "pki"), kueueServiceDnsName(KUEUE.webhookService, KUEUE.namespace));
    const ports = await allocatePorts();
    const server = `https://127.0.0.1:${ports.apiserver}`;
    const kubeconfig = join(dir, "kubeconfig");
    writeFileSync(
      kubeconfig,
      renderKubeconfig(server, readFileSync(pki.ca.cert, "utf8"), readFileSync(pki.admin.cert, "utf8"), readFileSync(pki.admin.key, "utf8")),
      { mode: 0o600 },
    );

    const run = (name: Component, args: readonly string[]) => {
      daemon(bin(name), args, runDir(dir), name, { PATH: process.env.PATH ?? "", HOME: dir, KUBECONFIG: kubeconfig });
      components.push(name);
      writeState(dir, { server, kubeconfig, ports, components });
    };
    const ready = async (name: string, check: () => Promise<boolean>, component?: Component) => {
      try {
        await waitUntil(name, timeout, async () => {
          if (component && !running(dir, component))
            throw new GiveUp(`${component} exited; last lines of its log:\n${tail(join(runDir(dir), `${component}.log`))}`);
          return check();
        });
      } catch (e) {
        throw new Error(`control plane: ${(e as Error).message}`, { cause: e });
      }
      log(`${name} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    };

    const etcdUrl = `http://127.0.0.1:${ports.etcd}`;
    const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
    run("etcd", etcdArgs(dir, etcdUrl, peerUrl));
    await ready("etcd", () => probe(`${etcdUrl}/health`), "etcd");

    run("kube-apiserver", apiserverArgs(dir, pki, ports.apiserver, etcdUrl));
    client = new KubeClient({ server, caFile: pki.ca.cert, certFile: pki.admin.cert, keyFile: pki.admin.key });
    const api = client;
    await ready("kube-apiserver", async () => (await api.request("GET", "/readyz")).status === 200, "kube-apiserver");

    const controllers = controllerArgs(kubeconfig, pki, ports, join(tools, "kwok", "stages.yaml"));
    run("kube-controller-manager", controllers.controllerManager);
    run("kube-scheduler", controllers.scheduler);
    run("kwok", controllers.kwok);

    const ca = readFileSync(pki.ca.cert);
    const steps: Promise<void>[] = [
      ready("kube-controller-manager", () => probe(`https://127.0.0.1:${ports.controllerManager}/healthz`, ca), "kube-controller-manager"),
      ready("kube-scheduler", () => probe(`https://127.0.0.1:${ports.scheduler}/healthz`, ca), "kube-scheduler"),
      createNodes(api, options.nodes ?? []).then(() =>
        ready(`kwok (${options.nodes?.length ?? 0} nodes)`, async () => readyNodes(api, options.nodes ?? []), "kwok"),
      ),
    ];
    if (withKueue) {
      steps.push(startKueue(dir, tools, api, pki, ports, run).then(() => ready("kueue", () => probe(`http://127.0.0.1:${ports.kueueHealth}/readyz`), "kueue")));
    }
    await Promise.all(steps);
    return { dir, server, kubeconfig, client: api, startedInMs: Date.now() - started, stop };
  } catch (e) {
    await stop({ keep: true }).catch(() => undefined);
    throw new Error(`${(e as Error).message}\n  logs kept in ${join(dir, "run")}`, { cause: e });
  }
}

function apiserverArgs(dir: string, pki: ClusterPki, port: number, etcdUrl: string): string[] {
  return [
    "--etcd-servers",
    etcdUrl,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${port}`,
    "--tls-cert-file",
    pki.serving.cert,
    "--tls-private-key-file",
    pki.serving.key,
    "--cert-dir",
    join(dir, "pki"),
    "--client-ca-file",
    pki.ca.cert,
    "--service-account-issuer",
    `https://127.0.0.1:${port}`,
    "--service-account-key-file",
    pki.serviceAccount.pub,
    "--service-account-signing-key-file",
    pki.serviceAccount.key,
    "--service-cluster-ip-range=10.96.0.0/16",
    "--authorization-mode=RBAC",
    // Pod Security admission, not this global switch, decides who may run privileged.
    "--allow-privileged=true",
    "--profiling=false",
  ];
}

/** Creates the fake nodes, a few at a time. */
async function createNodes(client: KubeClient, nodes: readonly NodeManifest[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < nodes.length) {
      const node = nodes[next++]!;
      const res = await client.request("POST", "/api/v1/nodes", node);
      if (res.status !== 201 && res.status !== 409)
        throw new Error(`creating node ${node.metadata.name}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, nodes.length) }, worker));
}

interface NodeList {
  items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

async function readyNodes(client: KubeClient, nodes: readonly NodeManifest[]): Promise<boolean> {
  const list = await client.get<NodeList>("/api/v1/nodes");
  const ready = new Set(list.items.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).map((n) => n.metadata.name));
  return nodes.every((n) => ready.has(n.metadata.name));
}

/** Kueue: CRDs (established), namespace, the seeded webhook secret, webhook configurations, then the controller. */
async function startKueue(
  dir: string,
  tools: string,
  client: KubeClient,
  pki: ClusterPki,
  ports: { kueueWebhook: number; kueueHealth: number },
  run: (name: Component, args: readonly string[]) => void,
): Promise<void> {
  const files = readKueueFiles(join(tools, "kueue"));
  const endpoint = { baseUrl: `https://127.0.0.1:${ports.kueueWebhook}`, caPem: readFileSync(pki.kueueCa.cert, "utf8") };
  const crds = kueueCrds(files, endpoint);
  for (const crd of crds) await client.apply(crd);
  await waitUntil("kueue CRDs established", 60_000, async () => {
    for (const crd of crds) {
      const got = await client.get<{ status?: { conditions?: { type: string; status: string }[] } }>(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
      );
      if (!got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return false;
    }
    return true;
  });
  await client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: KUEUE.namespace } });
  const pem = (f: string) => Buffer.from(readFileSync(f)).toString("base64");
  await client.apply({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: KUEUE.webhookSecret, namespace: KUEUE.namespace },
    type: "Opaque",
    data: { "ca.crt": pem(pki.kueueCa.cert), "ca.key": pem(pki.kueueCa.key), "tls.crt": pem(pki.kueueServing.cert), "tls.key": pem(pki.kueueServing.key) },
  } as KubeObject);
  for (const webhook of kueueWebhooks(files, endpoint, KUEUE.namePrefix)) await client.apply(webhook);
  // In a cluster the kubelet mounts the secret into the webhook's cert dir, and the rotator waits
  // for tls.crt there before it reports ready; here we put the same files there.
  const certDir = join(dir, "kueue-certs");
  copyFileSync(pki.kueueServing.cert, join(certDir, "tls.crt"));
  copyFileSync(pki.kueueServing.key, join(certDir, "tls.key"));
  const config = join(dir, "kueue-config.yaml");
  writeFileSync(config, stringify(kueueConfig({ webhook: ports.kueueWebhook, health: ports.kueueHealth }, certDir)), { mode: 0o600 });
  run("kueue", ["--config", config, "--kubeconfig", join(dir, "kubeconfig"), "--zap-log-level=info"]);
}

function writeState(dir: string, state: ControlPlaneState): void {
  writeFileSync(join(dir, "cluster.json"), `${JSON.stringify(state, null, 2)}\n`);
}

/** The state of the control plane in `dir`, if one was started there. */
export function readControlPlane(dir: string): ControlPlaneState | undefined {
  try {
    return JSON.parse(readFileSync(join(resolve(dir), "cluster.json"), "utf8")) as ControlPlaneState;
  } catch {
    return undefined;
  }
}

/** Whether a component of the control plane in `dir` runs. */
export function running(dir: string, component: Component): boolean {
  const pid = readPid(join(runDir(resolve(dir)), `${component}.pid`));
  return pid !== undefined && isOurs(pid, resolve(dir));
}

/** Stops the control plane in `dir` from its PID files (the last started first); with `remove`, removes `dir` if it is a control plane's (never another directory). */
export async function stopControlPlane(dir: string, options: { remove?: boolean } = {}): Promise<void> {
  const abs = resolve(dir);
  for (const component of [...COMPONENTS].reverse()) {
    const pidFile = join(runDir(abs), `${component}.pid`);
    const pid = readPid(pidFile);
    if (pid !== undefined && isOurs(pid, abs)) await terminate(pid);
    rmSync(pidFile, { force: true });
  }
  rmSync(join(abs, "cluster.json"), { force: true });
  if (options.remove && existsSync(join(abs, CONTROL_PLANE_MARKER))) rmSync(abs, { recursive: true, force: true });
}
