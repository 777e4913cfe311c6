/** The facts the Kubernetes layer labels a site's nodes with, read off the expanded inventory. */
import type { NodeFacts } from "../model/kubernetes/node-labels";
import type { ExpandedSite } from "./fleet";

/** One {@link NodeFacts} per node of the site, in ledger order. */
export function siteNodeFacts(expanded: ExpandedSite): NodeFacts[] {
  const out: NodeFacts[] = [];
  for (const rack of expanded.racks) {
    for (const node of rack.nodes) {
      const blueprint = expanded.blueprints.get(node.blueprint)!;
      out.push({
        hostname: node.hostname,
        site: node.site,
        hall: node.hall,
        rackName: rack.name,
        sku: blueprint.id,
        acceleratorModel: blueprint.accelerator.model,
        accelerators: node.accelerators,
        rails: blueprint.rails,
        nvlinkDomain: blueprint.accelerator.nvlinkDomain ?? "node",
        ...(node.pool !== undefined ? { pool: node.pool } : {}),
        ...(node.tenantClass !== undefined ? { tenantClass: node.tenantClass } : {}),
      });
    }
  }
  return out;
}
