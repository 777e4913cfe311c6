/**
 * Sizing of the two management networks: in-band (the nodes' management/provisioning ports) and
 * out-of-band (BMCs, PDUs and every other device's management port).
 *
 * Assumptions, kept simple:
 * - Access switches sit in the racks they serve, named after the first rack: `${rack}-mgmt` for
 *   in-band, `${rack}-oob` for out-of-band (`-mgmt2`, `-oob2` when a rack needs a second one).
 * - In-band: one top-of-rack switch per `racksPerSwitch` racks (default 1), 48 ports, 2 uplinks;
 *   racks without nodes get none.
 * - Out-of-band: one 48-port 1G switch per rack for the nodes' BMCs, the rack's PDUs (2 by
 *   default) and `otherDevices` (switch management ports, NVLink switch trays, power shelves).
 * - A switch keeps `uplinksPerSwitch` ports for uplinks and takes a second switch when its
 *   devices need more ports than remain.
 * - Aggregation: each access switch sends one uplink to each of `uplinksPerSwitch` aggregation
 *   switches of its block; an aggregation switch keeps `aggregationUplinks` ports (default 4) for
 *   the site's management core or firewall, so a block holds ports − aggregationUplinks access
 *   switches. The out-of-band aggregation connects to nothing a tenant can reach.
 */
import { checkName, fail } from "./options";
import type { TierSizing } from "./types";

/** What a rack holds that needs a management port. */
export interface RackEquipment {
  /** Rack name from the ledger, e.g. `riga-1-h1-r001`. */
  readonly name: string;
  /** Nodes (servers or compute trays). */
  readonly nodes: number;
  /** Other devices with an out-of-band port besides nodes and PDUs (switches, NVLink trays, power shelves). @default 0 */
  readonly otherDevices?: number;
}

/** Options of the in-band management network. */
export interface InBandOptions {
  /** Racks served by one top-of-rack switch. @default 1 */
  readonly racksPerSwitch?: number;
  /** Ports per access switch. @default 48 */
  readonly switchPorts?: number;
  /** Ports of an access switch kept for uplinks. @default 2 */
  readonly uplinksPerSwitch?: number;
  /** In-band ports per node (2 when bonded). @default 1 */
  readonly portsPerNode?: number;
  /** Ports per aggregation switch. @default 64 */
  readonly aggregationPorts?: number;
  /** Ports of an aggregation switch kept for the site core. @default 4 */
  readonly aggregationUplinks?: number;
}

/** Options of the out-of-band management network. */
export interface OutOfBandOptions {
  /** Ports per access switch (1G). @default 48 */
  readonly switchPorts?: number;
  /** Ports of an access switch kept for uplinks. @default 2 */
  readonly uplinksPerSwitch?: number;
  /** PDUs per rack, one management port each. @default 2 */
  readonly pdusPerRack?: number;
  /** Ports per aggregation switch. @default 48 */
  readonly aggregationPorts?: number;
  /** Ports of an aggregation switch kept for the management firewall. @default 4 */
  readonly aggregationUplinks?: number;
}

/** One access switch and what it serves. */
export interface AccessSwitch {
  readonly name: string;
  readonly racks: readonly string[];
  /** Device ports cabled (uplinks not included). */
  readonly devicePorts: number;
  readonly uplinks: number;
}

/** Switch and cable counts of a management network. */
export interface ManagementSizing {
  readonly name: string;
  readonly accessSwitches: readonly AccessSwitch[];
  readonly access: TierSizing;
  readonly aggregation: TierSizing;
  readonly cables: { readonly deviceAccess: number; readonly accessAggregation: number; readonly aggregationCore: number; readonly total: number };
}

function integer(name: string, field: string, value: unknown, min: number): number {
  if (!Number.isInteger(value) || (value as number) < min) fail(name, `${field} ${String(value)} should be an integer of at least ${min}`);
  return value as number;
}

function checkRacks(name: string, racks: readonly RackEquipment[]): void {
  if (!Array.isArray(racks) || racks.length === 0) fail(name, "has no racks; give at least one");
  const seen = new Set<string>();
  for (const r of racks) {
    if (typeof r.name !== "string" || r.name.length === 0) fail(name, "has a rack without a name");
    if (seen.has(r.name)) fail(name, `rack [${r.name}] appears twice`);
    seen.add(r.name);
    integer(name, `rack [${r.name}] nodes`, r.nodes, 0);
    integer(name, `rack [${r.name}] otherDevices`, r.otherDevices ?? 0, 0);
  }
}

interface Block {
  readonly racks: readonly string[];
  readonly ports: number;
}

/** Access switches for blocks of racks, then the aggregation tier above them. */
function size(
  name: string,
  blocks: readonly Block[],
  suffix: string,
  minimumPerBlock: number,
  switchPorts: number,
  uplinks: number,
  aggregationPorts: number,
  aggregationUplinks: number,
): ManagementSizing {
  const perSwitch = switchPorts - uplinks;
  const accessSwitches: AccessSwitch[] = [];
  for (const b of blocks) {
    const count = Math.max(minimumPerBlock, Math.ceil(b.ports / perSwitch));
    for (let i = 0; i < count; i++) {
      const devicePorts = Math.min(perSwitch, b.ports - i * perSwitch);
      accessSwitches.push({ name: `${b.racks[0]}-${suffix}${i === 0 ? "" : String(i + 1)}`, racks: b.racks, devicePorts: Math.max(0, devicePorts), uplinks });
    }
  }
  const access = accessSwitches.length;
  const blockSize = aggregationPorts - aggregationUplinks;
  const aggregation = uplinks === 0 ? 0 : uplinks * Math.ceil(access / blockSize);
  const deviceAccess = accessSwitches.reduce((n, s) => n + s.devicePorts, 0);
  const accessAggregation = access * uplinks;
  const aggregationCore = aggregation * aggregationUplinks;
  return {
    name,
    accessSwitches,
    access: { switches: access, portsProvisioned: access * switchPorts, portsUsed: deviceAccess + accessAggregation },
    aggregation: { switches: aggregation, portsProvisioned: aggregation * aggregationPorts, portsUsed: accessAggregation + aggregationCore },
    cables: { deviceAccess, accessAggregation, aggregationCore, total: deviceAccess + accessAggregation + aggregationCore },
  };
}

function checkPorts(name: string, switchPorts: number, uplinks: number, aggregationPorts: number, aggregationUplinks: number): void {
  if (uplinks >= switchPorts) fail(name, `uplinksPerSwitch ${uplinks} should leave device ports on a ${switchPorts}-port switch`);
  if (aggregationUplinks >= aggregationPorts) fail(name, `aggregationUplinks ${aggregationUplinks} should leave downlinks on a ${aggregationPorts}-port switch`);
}

/** Sizes the in-band management network `name` over racks in order. */
export function sizeInBandManagement(name: string, racks: readonly RackEquipment[], options: InBandOptions = {}): ManagementSizing {
  checkName(name);
  checkRacks(name, racks);
  const racksPerSwitch = integer(name, "racksPerSwitch", options.racksPerSwitch ?? 1, 1);
  const switchPorts = integer(name, "switchPorts", options.switchPorts ?? 48, 2);
  const uplinks = integer(name, "uplinksPerSwitch", options.uplinksPerSwitch ?? 2, 0);
  const portsPerNode = integer(name, "portsPerNode", options.portsPerNode ?? 1, 1);
  const aggregationPorts = integer(name, "aggregationPorts", options.aggregationPorts ?? 64, 2);
  const aggregationUplinks = integer(name, "aggregationUplinks", options.aggregationUplinks ?? 4, 0);
  checkPorts(name, switchPorts, uplinks, aggregationPorts, aggregationUplinks);
  const blocks: Block[] = [];
  for (let i = 0; i < racks.length; i += racksPerSwitch) {
    const chunk = racks.slice(i, i + racksPerSwitch);
    blocks.push({ racks: chunk.map((r) => r.name), ports: chunk.reduce((n, r) => n + r.nodes * portsPerNode, 0) });
  }
  return size(name, blocks, "mgmt", 0, switchPorts, uplinks, aggregationPorts, aggregationUplinks);
}

/** Sizes the out-of-band management network `name`: at least one access switch in every rack. */
export function sizeOutOfBand(name: string, racks: readonly RackEquipment[], options: OutOfBandOptions = {}): ManagementSizing {
  checkName(name);
  checkRacks(name, racks);
  const switchPorts = integer(name, "switchPorts", options.switchPorts ?? 48, 2);
  const uplinks = integer(name, "uplinksPerSwitch", options.uplinksPerSwitch ?? 2, 0);
  const pdus = integer(name, "pdusPerRack", options.pdusPerRack ?? 2, 0);
  const aggregationPorts = integer(name, "aggregationPorts", options.aggregationPorts ?? 48, 2);
  const aggregationUplinks = integer(name, "aggregationUplinks", options.aggregationUplinks ?? 4, 0);
  checkPorts(name, switchPorts, uplinks, aggregationPorts, aggregationUplinks);
  const blocks = racks.map((r): Block => ({ racks: [r.name], ports: r.nodes + pdus + (r.otherDevices ?? 0) }));
  return size(name, blocks, "oob", 1, switchPorts, uplinks, aggregationPorts, aggregationUplinks);
}
