/** The bare-metal layer: every node of the stack's racks powered on through its BMC. */
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { BareMetalNode, type BmcCredentials } from "../components/baremetal/bare-metal-node";
import type { RackRecord } from "../inventory/fleet";

/** The command line the nodes' commands run: this project's `gigafactory`, with the node that runs the program. */
export const PROJECT_CLI: readonly string[] = [process.execPath, join(__dirname, "..", "bin", "gigafactory.js")];

/** Creates a {@link BareMetalNode} per node of `racks` under `parent`. */
export function buildBareMetal(racks: readonly RackRecord[], credentials: BmcCredentials, parent: pulumi.ComponentResource, cli: readonly string[] = PROJECT_CLI): BareMetalNode[] {
  return racks.flatMap((rack) =>
    rack.nodes.map(
      (node) =>
        new BareMetalNode(
          node.hostname,
          { hostname: node.hostname, bmcUrl: node.bmc.url, ...(node.bmc.fallbackUrl ? { fallbackUrl: node.bmc.fallbackUrl } : {}), credentials, cli },
          { parent },
        ),
    ),
  );
}
