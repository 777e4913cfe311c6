/** The facts the OS bootstrap renders each node from, read off the expanded inventory (like `kubernetes-nodes.ts` for the labels). */
import { DEFAULT_TIME_SERVERS, INTERFACE_NAMES, MTU } from "../model/baremetal/bootstrap/defaults";
import type { BootstrapNode, NodeInterface } from "../model/baremetal/bootstrap/node";
import { siteNodeFacts } from "./kubernetes-nodes";
import type { ExpandedSite } from "./fleet";

/** One {@link BootstrapNode} per node of the site, in ledger order (`hostnames` narrows it to those nodes). */
export function siteBootstrapNodes(expanded: ExpandedSite, hostnames?: ReadonlySet<string>): BootstrapNode[] {
  const { site, plan } = expanded;
  const labels = new Map(siteNodeFacts(expanded).map((f) => [f.hostname, f]));
  const timeServers = site.bootstrap?.timeServers ?? DEFAULT_TIME_SERVERS;
  const railMtu = site.network.compute.technology === "infiniband" ? MTU.infinibandRail : MTU.ethernetRail;
  const out: BootstrapNode[] = [];
  for (const node of expanded.nodes) {
    if (hostnames && !hostnames.has(node.hostname)) continue;
    const blueprint = expanded.blueprints.get(node.blueprint)!;
    const interfaces: NodeInterface[] = [
      { name: INTERFACE_NAMES.management, network: "management", address: node.inBandIp, prefix: plan.inBand.prefix, mtu: MTU.management },
      { name: INTERFACE_NAMES.storage, network: "storage", address: node.storageIp, prefix: plan.storage.prefix, mtu: MTU.storage },
      ...node.computeIps.map((address, r): NodeInterface => ({
        name: INTERFACE_NAMES.rail(r),
        network: "rail",
        rail: r,
        address,
        prefix: plan.rails[r]!.prefix,
        mtu: railMtu,
      })),
    ];
    out.push({
      hostname: node.hostname,
      role: blueprint.role,
      inBandIp: node.inBandIp,
      interfaces,
      timeServers: [...timeServers],
      driverVersion: blueprint.driverVersion,
      labels: labels.get(node.hostname)!,
    });
  }
  return out;
}

/** The SSH host key the site pins for `hostname`, when it pins one. */
export function pinnedHostKey(expanded: Pick<ExpandedSite, "site">, hostname: string): string | undefined {
  return expanded.site.bootstrap?.hostKeys?.[hostname];
}
