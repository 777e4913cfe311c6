/**
 * Child of `npm run bench`: riga-1's Kubernetes stack applied by the real engine to the loopback
 * control plane (scripts/cluster) holding the first COUNT nodes of riga-1's ledger as kwok nodes.
 *
 * - `k8s-up-s`: wall time of `pulumi up --yes` of a throwaway stack (layer kubernetes, site
 *   riga-1, the control plane's kubeconfig as the secret `gigafactory:kubeconfig`), in a second
 *   checkout with a temp file backend and the lab's published passphrase, as the e2e tests run;
 * - `k8s-layer-objects`: the Kubernetes objects the stack then holds in its state (resources whose
 *   type starts with `kubernetes:`; the provider and the `gigafactory:` components not counted);
 * - `kueue-admit-ms`: median over JOBS Jobs, created one after another in a tenant's LocalQueue,
 *   of the local clock from just before the Job's POST to the first poll (every 25 ms) that sees
 *   its Workload's `Admitted` condition true. The condition's lastTransitionTime has whole seconds
 *   only, so it cannot time this. Each Job is deleted once admitted, so the quota never runs out.
 *
 * Then the stack is destroyed, the control plane stopped and every temp folder removed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { loadFleet } from "../../inventory/load";
import { GPU_RESOURCE } from "../../model/kubernetes/node-labels";
import { POD_SECURITY_ENFORCE, RESTRICTED } from "../../model/kubernetes/labels";
import { KUEUE_API_VERSION, LOCAL_QUEUE_NAME, QUEUE_NAME_LABEL } from "../../model/kubernetes/kueue";
import { kubernetesPlan } from "../../model/kubernetes/plan";
import { secondCheckout } from "../../test/e2e/engine";
import { siteFakeNodes } from "../cluster/cluster";
import { startControlPlane } from "../cluster/control-plane";
import type { KubeClient } from "../cluster/kube-client";
import { figure, median } from "./measure";

const ROOT = join(__dirname, "..", "..");
const FLEET = join(ROOT, "inventory", "fleets", "nordic-baltic");
const SITE = "riga-1";
const STACK = "bench-k8s-riga-1";
const [countArg = "1000", jobsArg = "20"] = process.argv.slice(2);

const log = (line: string) => console.error(`k8s-layer: ${line}`);

/** Runs `pulumi` with tools/env.sh's environment, the temp backend and the lab's passphrase; throws with its output on failure. */
function pulumi(cwd: string, backend: string, args: readonly string[], input = ""): string {
  const script = '. "$0/tools/env.sh" && export PULUMI_CONFIG_PASSPHRASE="$GIGAFACTORY_LAB_PASSPHRASE" && exec pulumi "$@"';
  const r = spawnSync("bash", ["-c", script, cwd, ...args, "--non-interactive", "--color", "never"], {
    cwd,
    encoding: "utf8",
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PULUMI_BACKEND_URL: pathToFileURL(backend).href, PULUMI_CONFIG_PASSPHRASE_FILE: "" },
  });
  if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The namespace of riga-1's first tenant that is not an RDMA one (restricted Pod Security). */
function tenantNamespace(): string {
  const site = loadFleet(FLEET).expanded.find((s) => s.site.id === SITE);
  if (!site) throw new Error(`${FLEET} should hold site ${SITE}`);
  const tenant = kubernetesPlan(site).tenants.find((t) => t.manifests.namespace.metadata.labels?.[POD_SECURITY_ENFORCE] === RESTRICTED);
  if (!tenant) throw new Error(`${SITE} has no tenant with a restricted namespace`);
  return tenant.manifests.namespace.metadata.name;
}

interface Condition {
  readonly type: string;
  readonly status: string;
}
interface Workload {
  readonly metadata: { readonly ownerReferences?: readonly { readonly uid: string }[] };
  readonly status?: { readonly conditions?: readonly Condition[] };
}

/** A Job asking for one GPU in the tenant's LocalQueue; Kueue adds the flavour's node selector and toleration. */
function job(name: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace, labels: { [QUEUE_NAME_LABEL]: LOCAL_QUEUE_NAME } },
    spec: {
      suspend: true,
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: "Never",
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "train",
              image: "busybox",
              command: ["true"],
              resources: { limits: { [GPU_RESOURCE]: "1" } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            },
          ],
        },
      },
    },
  };
}

/** Creates `count` Jobs one after another and returns each one's milliseconds from creation to admission. */
async function admissions(client: KubeClient, namespace: string, count: number): Promise<number[]> {
  const workloads = `/apis/${KUEUE_API_VERSION}/namespaces/${namespace}/workloads`;
  const jobs = `/apis/batch/v1/namespaces/${namespace}/jobs`;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const name = `bench-admit-${i}`;
    const start = performance.now();
    const created = await client.request<{ metadata: { uid: string } }>("POST", jobs, job(name, namespace));
    if (created.status !== 201) throw new Error(`create Job ${name}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    const uid = created.body.metadata.uid;
    for (;;) {
      const list = await client.get<{ items: Workload[] }>(workloads);
      const workload = list.items.find((w) => w.metadata.ownerReferences?.some((o) => o.uid === uid));
      if (workload?.status?.conditions?.some((c) => c.type === "Admitted" && c.status === "True")) break;
      if (performance.now() - start > 60_000) throw new Error(`Job ${name}: no admitted Workload after 60 s (${JSON.stringify(workload?.status ?? null)})`);
      await sleep(25);
    }
    times.push(performance.now() - start);
    await client.request("DELETE", `${jobs}/${name}`, { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" });
  }
  return times;
}

async function main(): Promise<void> {
  const nodes = siteFakeNodes(FLEET, SITE).slice(0, Number(countArg));
  const namespace = tenantNamespace();
  log(`starting the control plane with ${nodes.length} of ${SITE}'s nodes`);
  const backend = mkdtempSync(join(tmpdir(), "gigafactory-bench-k8s-backend-"));
  const checkout = secondCheckout();
  const cpDir = mkdtempSync(join(tmpdir(), "gigafactory-bench-k8s-"));
  // A failed start keeps its directory for the logs; a bench leaves no keys in /tmp.
  const cp = await startControlPlane({ dir: cpDir, nodes }).catch((e: unknown) => {
    rmSync(cpDir, { recursive: true, force: true });
    rmSync(checkout, { recursive: true, force: true });
    rmSync(backend, { recursive: true, force: true });
    throw e;
  });
  let created = false;
  try {
    pulumi(checkout, backend, ["stack", "init", STACK]);
    created = true;
    pulumi(checkout, backend, ["config", "set", "--stack", STACK, "gigafactory:site", SITE]);
    pulumi(checkout, backend, ["config", "set", "--stack", STACK, "gigafactory:layer", "kubernetes"]);
    pulumi(checkout, backend, ["config", "set", "--stack", STACK, "--secret", "gigafactory:kubeconfig"], readFileSync(cp.kubeconfig, "utf8"));
    log(`pulumi up of ${STACK}`);
    const start = performance.now();
    pulumi(checkout, backend, ["up", "--yes", "--stack", STACK]);
    const upS = (performance.now() - start) / 1000;
    const state = JSON.parse(pulumi(checkout, backend, ["stack", "export", "--stack", STACK])) as { deployment: { resources?: { type: string }[] } };
    const objects = (state.deployment.resources ?? []).filter((r) => r.type.startsWith("kubernetes:")).length;
    log(`${JSON.stringify(countTypes(state.deployment.resources ?? []))}`);
    figure("k8s-layer-objects", objects, 0);
    figure("k8s-up-s", upS);
    figure("k8s-nodes", nodes.length, 0);
    const times = await admissions(cp.client, namespace, Number(jobsArg));
    log(`admissions in ${namespace} (ms): ${times.map((t) => t.toFixed(0)).join(" ")}`);
    figure("kueue-admit-ms", median(times));
    figure("kueue-admit-jobs", times.length, 0);
  } finally {
    // A failed destroy is reported, but never keeps the control plane running or the temp folders.
    try {
      if (created) {
        log(`destroying ${STACK}`);
        pulumi(checkout, backend, ["destroy", "--yes", "--stack", STACK]);
        pulumi(checkout, backend, ["stack", "rm", "--yes", "--stack", STACK]);
      }
    } catch (e) {
      log((e as Error).message);
      process.exitCode = 1;
    }
    await cp.stop();
    rmSync(checkout, { recursive: true, force: true });
    rmSync(backend, { recursive: true, force: true });
  }
}

/** Resources of the state by type, for the log. */
function countTypes(resources: readonly { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
