/** The Kubernetes layer: one isolated namespace per tenant of the site. */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { TenantNamespace } from "../components/kubernetes/tenant-namespace";
import type { Site } from "../inventory/schema/site";

/** Where the layer sends its objects: a directory of rendered YAML, or a cluster. */
export type KubernetesTarget = { readonly renderDir: string } | { readonly kubeconfig: pulumi.Input<string> };

/** Creates the provider and a {@link TenantNamespace} per tenant under `parent`. */
export function buildKubernetes(site: Site, target: KubernetesTarget, parent: pulumi.ComponentResource): TenantNamespace[] {
  const provider = new k8s.Provider(
    `${site.id}-k8s`,
    "renderDir" in target ? { renderYamlToDirectory: target.renderDir } : { kubeconfig: target.kubeconfig },
    { parent },
  );
  return site.tenants.map(
    (t) => new TenantNamespace(`${site.id}-${t.id}`, { tenant: t.id, tenantClass: t.class, site: site.id, gpuQuota: t.gpuQuota }, { parent, providers: { kubernetes: provider } }),
  );
}
