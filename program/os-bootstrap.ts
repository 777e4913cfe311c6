/**
 * The nodes' OS bootstrap in the bare-metal layer: one {@link OsBootstrap} per node of the stack's
 * racks, after the node's host resource (powered on), with the facts from the inventory and the join
 * inputs from the Kubernetes layer.
 */
import type * as pulumi from "@pulumi/pulumi";
import { OsBootstrap, type JoinInputs, type SshAccess } from "../components/baremetal/os-bootstrap";
import { pinnedHostKey, siteBootstrapNodes } from "../inventory/bootstrap-nodes";
import type { ExpandedSite, RackRecord } from "../inventory/fleet";

/** Replaced by each node's hostname in the render root. */
export const HOSTNAME_PLACEHOLDER = "{hostname}";

/** How the stack bootstraps its nodes (from its configuration). */
export interface OsBootstrapSettings {
  readonly mode: "render" | "apply";
  /** Render mode's root directory on each node; `{hostname}` in it becomes the node's hostname (nodes that share a filesystem, as the lab's do). */
  readonly root: string;
  readonly ssh: SshAccess;
}

/**
 * Creates the bootstrap of every node of `racks` under `parent`, each after its host in `hosts`
 * (by hostname; a node without one waits for nothing).
 */
export function buildOsBootstrap(
  expanded: ExpandedSite,
  racks: readonly RackRecord[],
  hosts: ReadonlyMap<string, pulumi.Resource>,
  settings: OsBootstrapSettings,
  join: JoinInputs | undefined,
  parent: pulumi.Resource,
): OsBootstrap[] {
  const hostnames = new Set(racks.flatMap((r) => r.nodes.map((n) => n.hostname)));
  return siteBootstrapNodes(expanded, hostnames).map((node) => {
    const hostKey = pinnedHostKey(expanded, node.hostname);
    const host = hosts.get(node.hostname);
    return new OsBootstrap(
      `${node.hostname}-bootstrap`,
      {
        node,
        ssh: settings.ssh,
        mode: settings.mode,
        root: settings.root.replaceAll(HOSTNAME_PLACEHOLDER, node.hostname),
        ...(hostKey ? { hostKey } : {}),
        ...(join ? { join } : {}),
      },
      { parent, ...(host ? { dependsOn: [host] } : {}) },
    );
  });
}
