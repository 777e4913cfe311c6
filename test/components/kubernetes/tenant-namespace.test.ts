/** A tenant's manifests, pure: exactly what one tenant gets, and that the tenant-isolation rule accepts every tenant's. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { tenantManifests, type TenantNamespaceArgs } from "../../../components/kubernetes/tenant-namespace";
import { namespaceView, networkPolicyView } from "../../../policies/kubernetes-views";
import { checkDefaultDeny, checkPodSecurity } from "../../../policies/rules/tenant-isolation";

/** The label tenant-isolation looks for by default. */
const TENANT_LABEL = "gigafactory.eu/tenant";

describe("tenant manifests", () => {
  it("give a tenant a restricted namespace, a default-deny policy and a GPU quota, all labelled with the tenant", () => {
    const m = tenantManifests({ tenant: "acme", tenantClass: "startup", site: "riga-1", gpuQuota: 512 });
    const labels = { "gigafactory.eu/tenant": "acme", "gigafactory.eu/tenant-class": "startup", "gigafactory.eu/site": "riga-1" };
    assert.deepEqual(m, {
      namespace: {
        metadata: {
          name: "acme",
          labels: {
            ...labels,
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
          },
        },
      },
      defaultDeny: { metadata: { name: "default-deny", namespace: "acme", labels }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
      quota: { metadata: { name: "gpu-quota", namespace: "acme", labels }, spec: { hard: { "requests.nvidia.com/gpu": "512" } } },
    });
  });

  it("pass tenant-isolation for every tenant, with everything in the tenant's own namespace", () => {
    const tenant = fc.record({
      tenant: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/),
      tenantClass: fc.constantFrom("startup" as const, "sme" as const, "research" as const),
      site: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/),
      gpuQuota: fc.nat({ max: 200_000 }),
    });
    fc.assert(
      fc.property(tenant, (args: TenantNamespaceArgs) => {
        const m = tenantManifests(args);
        const ns = namespaceView(m.namespace, "ns");
        assert.equal(ns.name, args.tenant);
        assert.deepEqual(checkPodSecurity(ns, TENANT_LABEL), []);
        assert.deepEqual(checkDefaultDeny([ns], [networkPolicyView(m.defaultDeny, "np")], TENANT_LABEL), []);
        assert.deepEqual([m.defaultDeny.metadata.namespace, m.quota.metadata.namespace], [args.tenant, args.tenant]);
        assert.equal(Number(m.quota.spec.hard["requests.nvidia.com/gpu"]), args.gpuQuota);
      }),
    );
  });
});
