/** The Kubernetes layer's builders, GIVEN/WHEN/THEN on the manifests they produce. */
import assert from "node:assert/strict";
import { kubernetesPlan } from "../../../model/kubernetes/plan";
import { IPC_LOCK_POLICY, restrictedWithIpcLock } from "../../../model/kubernetes/pod-security";
import { loadFixture } from "./fixture";

describe("Kubernetes plan", () => {
  const plan = kubernetesPlan(loadFixture().expanded);
  const uni = plan.tenants.find((t) => t.id === "uni")!.manifests;
  const acme = plan.tenants.find((t) => t.id === "acme")!.manifests;

  it("GIVEN a tenant not marked for RDMA THEN its namespace enforces, audits and warns at restricted, pinned to v1.35", () => {
    assert.deepEqual(acme.namespace.metadata.labels, {
      "gigafactory.eu/tenant": "acme",
      "gigafactory.eu/tenant-class": "startup",
      "gigafactory.eu/site": "tst-1",
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.35",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.35",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.35",
    });
  });

  it("GIVEN an RDMA tenant THEN it enforces privileged, audits restricted, carries the exception label, and the admission policy binds to that label", () => {
    const labels = uni.namespace.metadata.labels!;
    assert.equal(labels["pod-security.kubernetes.io/enforce"], "privileged");
    assert.equal(labels["pod-security.kubernetes.io/audit"], "restricted");
    assert.equal(labels["gigafactory.eu/pod-security-exception"], "ipc-lock");
    assert.deepEqual(plan.ipcLock!.binding.spec, {
      policyName: IPC_LOCK_POLICY,
      validationActions: ["Deny"],
      matchResources: { namespaceSelector: { matchLabels: { "gigafactory.eu/pod-security-exception": "ipc-lock" } } },
    });
  });

  it("GIVEN the exception policy THEN it adds IPC_LOCK and nothing else to the restricted profile's capabilities", () => {
    const caps = restrictedWithIpcLock().find((v) => v.message.startsWith("containers may add only"))!;
    assert.equal(caps.message, "containers may add only NET_BIND_SERVICE and IPC_LOCK");
    assert.match(caps.expression, /a in \['NET_BIND_SERVICE', 'IPC_LOCK'\]/);
    const messages = restrictedWithIpcLock().map((v) => v.message);
    assert.ok(messages.includes("containers must drop ALL capabilities"));
    assert.ok(messages.includes("containers must not be privileged"));
    assert.ok(messages.includes("pods must set securityContext.runAsNonRoot to true"));
  });

  it("GIVEN a tenant THEN its NetworkPolicies deny by default, allow DNS and its own pods, and never the management ranges", () => {
    assert.deepEqual(
      acme.networkPolicies.map((p) => p.metadata.name),
      ["default-deny", "allow-dns", "allow-same-tenant", "allow-outside-management"],
    );
    assert.deepEqual(acme.networkPolicies[0]!.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    assert.deepEqual(acme.networkPolicies[3]!.spec, {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/20", "10.1.0.0/20", "100.64.0.0/16"] } }] }],
    });
  });

  it("GIVEN a tenant THEN its quota, limits, RBAC and LocalQueue come from the inventory", () => {
    assert.deepEqual(acme.quota.spec, {
      hard: { "requests.nvidia.com/gpu": "8", "requests.cpu": "128", "limits.cpu": "128", "requests.memory": "1024Gi", "limits.memory": "1024Gi", pods: "20" },
    });
    assert.deepEqual(acme.roleBinding.subjects, [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "oidc:acme-admins" }]);
    assert.deepEqual(acme.roleBinding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" });
    assert.deepEqual(acme.localQueue, {
      apiVersion: "kueue.x-k8s.io/v1beta2",
      kind: "LocalQueue",
      metadata: { name: "gpus", namespace: "acme", labels: { "gigafactory.eu/site": "tst-1" } },
      spec: { clusterQueue: "tenants-startup" },
    });
  });

  it("GIVEN the queues THEN a flavour per blueprint and a ClusterQueue per class in one cohort with limits, weights and preemption", () => {
    assert.deepEqual(plan.flavours[0]!.spec, {
      nodeLabels: { "gigafactory.eu/sku": "hgx-h200" },
      nodeTaints: [{ key: "gigafactory.eu/sku", value: "hgx-h200", effect: "NoSchedule" }],
      tolerations: [{ key: "gigafactory.eu/sku", operator: "Equal", value: "hgx-h200", effect: "NoSchedule" }],
    });
    assert.deepEqual(plan.clusterQueues[0]!.spec, {
      cohortName: "tst-1-gpus",
      namespaceSelector: { matchLabels: { "gigafactory.eu/tenant-class": "research" } },
      queueingStrategy: "BestEffortFIFO",
      resourceGroups: [
        {
          coveredResources: ["nvidia.com/gpu"],
          flavors: [{ name: "hgx-h200", resources: [{ name: "nvidia.com/gpu", nominalQuota: "24", lendingLimit: "8" }] }],
        },
      ],
      preemption: { reclaimWithinCohort: "Any", withinClusterQueue: "LowerPriority" },
      fairSharing: { weight: "2" },
    });
  });

  it("GIVEN a blueprint THEN the GPU Operator installs its driver version on its nodes, with GPUDirect RDMA over InfiniBand", () => {
    assert.deepEqual(plan.gpuSoftware.gpuOperator.chart, { chart: "gpu-operator", version: "v25.3.4", namespace: "gpu-operator" });
    const driver = plan.gpuSoftware.drivers[0]!;
    assert.deepEqual(
      [driver.kind, (driver.spec as { version: string }).version, (driver.spec as { nodeSelector: unknown }).nodeSelector],
      ["NVIDIADriver", "580.82.07", { "gigafactory.eu/sku": "hgx-h200" }],
    );
    assert.deepEqual((plan.gpuSoftware.gpuOperator.values as { driver: { rdma: unknown } }).driver.rdma, { enabled: true, useHostMofed: false });
    assert.equal(plan.gpuSoftware.nicClusterPolicy.kind, "NicClusterPolicy");
    const values = plan.gpuSoftware.gpuOperator.values as { mig: unknown; dcgmExporter: unknown };
    assert.deepEqual([values.mig, values.dcgmExporter], [{ strategy: "single" }, { enabled: true }]);
  });

  it("counts riga-1's objects", () => {
    const riga = loadFixture("nordic").all.find((e) => e.site.id === "riga-1")!;
    const p = kubernetesPlan(riga);
    assert.deepEqual([p.flavours.length, p.clusterQueues.length, p.tenants.length, p.ipcLock ? 2 : 0, p.gpuSoftware.drivers.length], [2, 3, 3, 2, 2]);
  });
});
