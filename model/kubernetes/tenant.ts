/**
 * A tenant's objects, as plain manifests: its namespace (Pod Security labels), NetworkPolicies,
 * ResourceQuota, LimitRange, the RBAC binding of its group, and its Kueue LocalQueue.
 */
import { siteRangeList, siteRangeSet, type RangeKind } from "../site-ranges";
import type { Site } from "../../inventory/schema/site";
import type { Tenant } from "../../inventory/schema/workload";
import { localQueue, type Manifest } from "./kueue";
import { podSecurityLabels, SITE_LABEL, TENANT_CLASS_LABEL, TENANT_LABEL } from "./labels";
import { GPU_RESOURCE } from "./node-labels";

/** The ranges a tenant's pods never reach: out-of-band, in-band management, the fabric underlay, and every tenant range (other tenants' pods). */
export const FORBIDDEN_RANGE_KINDS: readonly RangeKind[] = ["outOfBand", "inBand", "underlay", "tenant"];

/** The NetworkPolicy that selects every pod and allows nothing: `tenant-isolation` requires it. */
export const DEFAULT_DENY_POLICY = "default-deny";

/**
 * What a container gets when it asks for nothing (the LimitRange), so that a pod without requests
 * still counts against the ResourceQuota instead of being refused by it.
 */
export const CONTAINER_DEFAULTS = { request: { cpu: "500m", memory: "1Gi" }, limit: { cpu: "2", memory: "8Gi" } } as const;

/** The ClusterRole the tenant's group is bound to in its namespace (Kubernetes' built-in `admin`: everything in the namespace, but not its quota or the namespace itself). */
export const TENANT_ROLE = "admin";

/** The site's ranges a tenant never reaches. */
export function forbiddenRanges(network: Site["network"]): string[] {
  return siteRangeList(siteRangeSet(network))
    .filter((r) => FORBIDDEN_RANGE_KINDS.includes(r.kind))
    .map((r) => r.cidr);
}

/** Every object of one tenant of `site`. */
export interface TenantManifests {
  readonly namespace: Manifest;
  readonly networkPolicies: readonly Manifest[];
  readonly quota: Manifest;
  readonly limitRange: Manifest;
  readonly roleBinding: Manifest;
  readonly localQueue: Manifest;
}

/** The objects of `tenant` at `site`. */
export function tenantManifests(site: Pick<Site, "id" | "network">, tenant: Tenant): TenantManifests {
  const ns = tenant.id;
  const labels = { [TENANT_LABEL]: tenant.id, [TENANT_CLASS_LABEL]: tenant.class, [SITE_LABEL]: site.id };
  const meta = (name: string) => ({ name, namespace: ns, labels });
  return {
    namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { ...labels, ...podSecurityLabels(tenant.rdma) } } },
    networkPolicies: networkPolicies(ns, labels, forbiddenRanges(site.network)),
    quota: {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta("tenant-quota"),
      spec: {
        hard: {
          [`requests.${GPU_RESOURCE}`]: String(tenant.gpuQuota),
          "requests.cpu": String(tenant.limits.cpuCores),
          "limits.cpu": String(tenant.limits.cpuCores),
          "requests.memory": `${tenant.limits.memoryGiB}Gi`,
          "limits.memory": `${tenant.limits.memoryGiB}Gi`,
          pods: String(tenant.limits.pods),
        },
      },
    },
    limitRange: {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: meta("container-defaults"),
      spec: { limits: [{ type: "Container", defaultRequest: { ...CONTAINER_DEFAULTS.request }, default: { ...CONTAINER_DEFAULTS.limit } }] },
    },
    roleBinding: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("tenant-admins"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: TENANT_ROLE },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: tenant.group }],
    },
    localQueue: localQueue(site.id, tenant.id, tenant.class),
  };
}

/** Default deny, then DNS, then pod to pod inside the tenant (NCCL), then the outside world except the forbidden ranges. */
function networkPolicies(ns: string, labels: Record<string, string>, forbidden: readonly string[]): Manifest[] {
  const policy = (name: string, spec: unknown): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: ns, labels },
    spec,
  });
  return [
    policy(DEFAULT_DENY_POLICY, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    policy("allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
          ],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
    policy("allow-same-tenant", {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    policy("allow-outside-management", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...forbidden] } }] }],
    }),
  ];
}
