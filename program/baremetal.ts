/** The bare-metal layer: every node of the stack's racks powered on through its BMC. */
import type * as pulumi from "@pulumi/pulumi";
import { BareMetalNode, type BmcCredentials } from "../components/baremetal/bare-metal-node";
import type { RackRecord } from "../inventory/fleet";

/**
 * The command line the nodes' commands run: this project's `gigafactory`, by a path relative to
 * the project directory, with the `node` on `PATH`. The engine starts the command provider in the
 * project directory (the one holding `Pulumi.yaml`), and the language host needs `node` on `PATH`
 * too, so the same words work from any checkout on any machine: nothing machine-specific reaches
 * the state, and a preview from another checkout shows no change.
 */
export const PROJECT_CLI: readonly string[] = ["node", "bin/gigafactory.js"];

/** How the layer builds its nodes. */
export interface BareMetalOptions {
  /** Whether the engine refuses to delete the nodes (deleting one powers it off). */
  readonly protect: boolean;
  /** The `gigafactory` command line. @default PROJECT_CLI */
  readonly cli?: readonly string[];
}

/** Creates a {@link BareMetalNode} per node of `racks` under `parent`. */
export function buildBareMetal(
  racks: readonly RackRecord[],
  credentials: BmcCredentials,
  parent: pulumi.ComponentResource,
  options: BareMetalOptions,
): BareMetalNode[] {
  const cli = options.cli ?? PROJECT_CLI;
  return racks.flatMap((rack) =>
    rack.nodes.map(
      (node) =>
        new BareMetalNode(
          node.hostname,
          { hostname: node.hostname, bmcUrl: node.bmc.url, ...(node.bmc.fallbackUrl ? { fallbackUrl: node.bmc.fallbackUrl } : {}), credentials, cli },
          { parent, protect: options.protect },
        ),
    ),
  );
}
