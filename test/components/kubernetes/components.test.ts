/** The Kubernetes components under recording mocks: children named from the parent, and what the GPU software applied or only rendered. */
import assert from "node:assert/strict";
import { GpuSoftware } from "../../../components/kubernetes/gpu-software";
import { TenantNamespace } from "../../../components/kubernetes/tenant-namespace";
import { createObject } from "../../../components/kubernetes/objects";
import { kubernetesPlan } from "../../../model/kubernetes/plan";
import { countByType, parentAndType, recordResources, urns, valueOf } from "../../helpers/mocks";
import { ALL_TYPES } from "../../helpers/type-tokens";
import { loadFixture } from "../../model/kubernetes/fixture";

describe("Kubernetes components", () => {
  const plan = kubernetesPlan(loadFixture().expanded);

  it("GIVEN a tenant's manifests WHEN a TenantNamespace is created THEN each object is its child, named from it", async () => {
    const recorded = recordResources(ALL_TYPES);
    const ns = new TenantNamespace("tst-1-acme", { manifests: plan.tenants[1]!.manifests });
    await valueOf(ns.urn);
    const children = await urns([ns.namespace]);
    assert.deepEqual(parentAndType(children.get("tst-1-acme-namespace")!), ["gigafactory:kubernetes:TenantNamespace", "kubernetes:core/v1:Namespace"]);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      recorded
        .filter((r) => r.custom)
        .map((r) => r.name)
        .sort(),
      [
        "tst-1-acme-namespace",
        "tst-1-acme-default-deny",
        "tst-1-acme-allow-dns",
        "tst-1-acme-allow-same-tenant",
        "tst-1-acme-allow-outside-management",
        "tst-1-acme-tenant-quota",
        "tst-1-acme-container-defaults",
        "tst-1-acme-tenant-admins",
        "tst-1-acme-queue",
      ].sort(),
    );
  });

  it("GIVEN no chart repository WHEN the GPU software is created THEN nothing is applied and every part is listed as rendered only", async () => {
    const recorded = recordResources(ALL_TYPES);
    const software = new GpuSoftware("tst-1-gpu-software", { software: plan.gpuSoftware });
    await valueOf(software.urn);
    assert.deepEqual(countByType(recorded), { "gigafactory:kubernetes:GpuSoftware": 1 });
    assert.deepEqual(software.report, {
      applied: [],
      renderedOnly: ["helm:gpu-operator@v25.3.4", "helm:network-operator@25.7.0", "NVIDIADriver/hgx-h200", "NicClusterPolicy/nic-cluster-policy"],
    });
  });

  it("GIVEN a chart repository THEN both releases, their privileged namespaces and the custom resources are created", async () => {
    const recorded = recordResources([
      ...ALL_TYPES,
      "kubernetes:helm.sh/v3:Release",
      "kubernetes:nvidia.com/v1alpha1:NVIDIADriver",
      "kubernetes:mellanox.com/v1alpha1:NicClusterPolicy",
    ]);
    const software = new GpuSoftware("tst-1-gpu-software", { software: plan.gpuSoftware, chartRepository: "https://charts.example.eu/nvidia" });
    await valueOf(software.urn);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(countByType(recorded), {
      "gigafactory:kubernetes:GpuSoftware": 1,
      "kubernetes:core/v1:Namespace": 2,
      "kubernetes:helm.sh/v3:Release": 2,
      "kubernetes:nvidia.com/v1alpha1:NVIDIADriver": 1,
      "kubernetes:mellanox.com/v1alpha1:NicClusterPolicy": 1,
    });
    const ns = recorded.find((r) => r.name === "tst-1-gpu-software-gpu-operator-namespace")!;
    assert.deepEqual(ns.inputs.metadata, { name: "gpu-operator", labels: { "pod-security.kubernetes.io/enforce": "privileged" } });
    assert.equal(software.report.renderedOnly.length, 0);
  });

  it("refuses a built-in kind it does not create", () => {
    recordResources(ALL_TYPES);
    assert.throws(() => createObject("x", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }, {}), {
      message: "manifest Pod [p] has a built-in API (v1) this layer does not create",
    });
  });
});
