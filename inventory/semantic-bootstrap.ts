/** Checks of a site's `bootstrap` section that the schema cannot express: host keys pinned for nodes that exist. */
import type { ExpandedSite } from "./fleet";
import type { Report } from "./semantic";

/** Every hostname under `bootstrap.hostKeys` must be a node of the site's ledger. */
export function checkHostKeys(expanded: ExpandedSite, report: Report): void {
  const keys = expanded.site.bootstrap?.hostKeys;
  if (!keys) return;
  const hostnames = new Set(expanded.nodes.map((n) => n.hostname));
  for (const hostname of Object.keys(keys)) {
    if (!hostnames.has(hostname))
      report(["bootstrap", "hostKeys", hostname], `host key pinned for [${hostname}], which is not a node of site [${expanded.site.id}]'s ledger`);
  }
}
