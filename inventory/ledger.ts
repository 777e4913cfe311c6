/** The per-node ledger as text: one JSON object a line, keys in a fixed order, byte-identical for the same inventory. */
import type { ExpandedSite, NodeRecord } from "./fleet";

/** The fields of a ledger line, in the order they are written. */
export const LEDGER_FIELDS = [
  "hostname",
  "site",
  "hall",
  "rack",
  "index",
  "slot",
  "blueprint",
  "accelerators",
  "bmc",
  "outOfBandIp",
  "inBandIp",
  "storageIp",
  "computeIps",
  "pool",
  "tenantClass",
] as const satisfies readonly (keyof NodeRecord)[];

/** One ledger line for a node. */
export function ledgerLine(node: NodeRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const field of LEDGER_FIELDS) ordered[field] = node[field] ?? null;
  return JSON.stringify(ordered);
}

/** The whole ledger of the given sites, in site order. */
export function renderLedger(sites: readonly ExpandedSite[]): string {
  const lines: string[] = [];
  for (const s of sites) for (const n of s.nodes) lines.push(ledgerLine(n));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
