/**
 * Which credentials and TLS trust a node's BMC gets: the site's default, then every rule of
 * `bmcAccess.rules` that matches the node (by rack range or hostname), the last one winning. Pure.
 */
import type { BmcAccess, BmcTlsSpec } from "../../inventory/schema/bmc-access";
import { DEFAULT_CREDENTIALS_REF } from "../../inventory/schema/bmc-access";

/** What a node's BMC is reached with. */
export interface NodeBmcAccess {
  /** The credential reference (`gigafactory:bmcCredentials.<ref>` in the stack's config). */
  readonly credentials: string;
  /** TLS trust; undefined means verified against the system's roots. */
  readonly tls?: BmcTlsSpec;
}

/** The position of a node the rules match on. */
export interface NodePlace {
  readonly hostname: string;
  readonly hall: string;
  /** Rack number. */
  readonly rackNumber: number;
}

/** A node's BMC access. */
export function nodeBmcAccess(access: Partial<BmcAccess> | undefined, node: NodePlace): NodeBmcAccess {
  let credentials = access?.credentials ?? DEFAULT_CREDENTIALS_REF;
  let tls = access?.tls;
  for (const rule of access?.rules ?? []) {
    const byRack = rule.racks?.some((r) => r.hall === node.hall && node.rackNumber >= r.from && node.rackNumber <= r.to) ?? false;
    const byName = rule.nodes?.includes(node.hostname) ?? false;
    if (!byRack && !byName) continue;
    if (rule.credentials !== undefined) credentials = rule.credentials;
    if (rule.tls !== undefined) tls = rule.tls;
  }
  return tls === undefined ? { credentials } : { credentials, tls };
}
