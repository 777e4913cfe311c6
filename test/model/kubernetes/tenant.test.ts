/** A tenant's manifests, pure: everything in the tenant's own namespace, and the tenant-isolation rule accepts every tenant's. */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Tenant } from "../../../inventory/schema/workload";
import { TENANT_LABEL } from "../../../model/kubernetes/labels";
import { GPU_RESOURCE } from "../../../model/kubernetes/node-labels";
import { tenantManifests } from "../../../model/kubernetes/tenant";
import { namespaceView, networkPolicyView } from "../../../policies/kubernetes-views";
import { checkDefaultDeny, checkPodSecurity } from "../../../policies/rules/tenant-isolation";
import { loadFixture } from "./fixture";

const tenant: fc.Arbitrary<Tenant> = fc.record({
  id: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/),
  name: fc.string({ minLength: 1 }),
  class: fc.constantFrom("startup" as const, "sme" as const, "research" as const),
  pools: fc.constant(["p"]),
  gpuQuota: fc.nat({ max: 200_000 }),
  group: fc.stringMatching(/^[^\s]+$/),
  rdma: fc.boolean(),
  limits: fc.record({ cpuCores: fc.nat({ max: 100_000 }), memoryGiB: fc.nat({ max: 1_000_000 }), pods: fc.nat({ max: 100_000 }) }),
});

describe("tenant manifests", () => {
  it("pass tenant-isolation for every tenant, RDMA or not, with every object in the tenant's own namespace", () => {
    const { site } = loadFixture();
    fc.assert(
      fc.property(tenant, (t) => {
        const m = tenantManifests(site, t);
        const ns = namespaceView(m.namespace, "ns");
        assert.equal(ns.name, t.id);
        assert.deepEqual(checkPodSecurity(ns, TENANT_LABEL), []);
        const policies = m.networkPolicies.map((p, i) => networkPolicyView(p, `np-${i}`));
        assert.deepEqual(checkDefaultDeny([ns], policies, TENANT_LABEL), []);
        const namespaced = [...m.networkPolicies, m.quota, m.limitRange, m.roleBinding, m.localQueue];
        assert.deepEqual(new Set(namespaced.map((o) => o.metadata.namespace)), new Set([t.id]));
        const hard = (m.quota.spec as { hard: Record<string, string> }).hard;
        assert.equal(Number(hard[`requests.${GPU_RESOURCE}`]), t.gpuQuota);
        assert.equal(Number(hard.pods), t.limits.pods);
      }),
    );
  });
});
