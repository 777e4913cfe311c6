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
import { checkInteger, checkName, fail } from "./options";
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

function checkRacks(name: string, racks: readonly RackEquipment[]): void {
  if (!Array.isArray(racks) || racks.length === 0) fail(name, "has no racks; give at least one");
  const seen = new Set<string>();
  for (const r of racks) {
    if (typeof r.name !== "string" || r.name.length === 0) fail(name, "has a rack without a name");
    if (seen.has(r.name)) fail(name, `rack [${r.name}] appears twice`);
    seen.add(r.name);
    checkInteger(name, `rack [${r.name}] nodes`, r.nodes, 0);
    checkInteger(name, `rack [${r.name}] otherDevices`, r.otherDevices ?? 0, 0);
  }
}

interface Block {
  readonly racks: readonly string[];
  readonly ports: number;
}

/** The ports of a management network's two tiers, checked. */
interface TierPorts {
  /** Ports per access switch. */
  readonly switchPorts: number;
  /** Ports of an access switch kept for uplinks, one to each aggregation switch of its block. */
  readonly uplinks: number;
  /** Ports per aggregation switch. */
  readonly aggregationPorts: number;
  /** Ports of an aggregation switch kept for the site's management core or firewall. */
  readonly aggregationUplinks: number;
}

/** How a management network places its access switches. */
interface AccessPlan {
  /** Racks sharing access switches, and the device ports they need. */
  readonly blocks: readonly Block[];
  /** Access switches are named `${first rack}-${suffix}`, `-${suffix}2`, …. */
  readonly suffix: string;
  /** Access switches every block gets even without devices (1 out-of-band: one per rack). */
  readonly minimumPerBlock: number;
}

/** Access switches for blocks of racks, then the aggregation tier above them. */
function size(name: string, plan: AccessPlan, ports: TierPorts): ManagementSizing {
  const { switchPorts, uplinks, aggregationPorts, aggregationUplinks } = ports;
  const perSwitch = switchPorts - uplinks;
  const accessSwitches: AccessSwitch[] = [];
  for (const block of plan.blocks) {
    const count = Math.max(plan.minimumPerBlock, Math.ceil(block.ports / perSwitch));
    for (let i = 0; i < count; i++) {
      const devicePorts = Math.min(perSwitch, block.ports - i * perSwitch);
      accessSwitches.push({
        name: `${block.racks[0]}-${plan.suffix}${i === 0 ? "" : String(i + 1)}`,
        racks: block.racks,
        devicePorts: Math.max(0, devicePorts),
        uplinks,
      });
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

/** Checks the two tiers' ports (defaults of the network given) and that uplinks leave room for devices. */
function checkTierPorts(
  name: string,
  options: Pick<InBandOptions & OutOfBandOptions, "switchPorts" | "uplinksPerSwitch" | "aggregationPorts" | "aggregationUplinks">,
  defaultAggregationPorts: number,
): TierPorts {
  const switchPorts = checkInteger(name, "switchPorts", options.switchPorts ?? 48, 2);
  const uplinks = checkInteger(name, "uplinksPerSwitch", options.uplinksPerSwitch ?? 2, 0);
  const aggregationPorts = checkInteger(name, "aggregationPorts", options.aggregationPorts ?? defaultAggregationPorts, 2);
  const aggregationUplinks = checkInteger(name, "aggregationUplinks", options.aggregationUplinks ?? 4, 0);
  if (uplinks >= switchPorts) fail(name, `uplinksPerSwitch ${uplinks} should leave device ports on a ${switchPorts}-port switch`);
  if (aggregationUplinks >= aggregationPorts)
    fail(name, `aggregationUplinks ${aggregationUplinks} should leave downlinks on a ${aggregationPorts}-port switch`);
  return { switchPorts, uplinks, aggregationPorts, aggregationUplinks };
}

/** Sizes the in-band management network `name` over racks in order. */
export function sizeInBandManagement(name: string, racks: readonly RackEquipment[], options: InBandOptions = {}): ManagementSizing {
  checkName(name);
  checkRacks(name, racks);
  const racksPerSwitch = checkInteger(name, "racksPerSwitch", options.racksPerSwitch ?? 1, 1);
  const portsPerNode = checkInteger(name, "portsPerNode", options.portsPerNode ?? 1, 1);
  const ports = checkTierPorts(name, options, 64);
  const blocks: Block[] = [];
  for (let i = 0; i < racks.length; i += racksPerSwitch) {
    const chunk = racks.slice(i, i + racksPerSwitch);
    blocks.push({ racks: chunk.map((r) => r.name), ports: chunk.reduce((n, r) => n + r.nodes * portsPerNode, 0) });
  }
  return size(name, { blocks, suffix: "mgmt", minimumPerBlock: 0 }, ports);
}

/** Sizes the out-of-band management network `name`: at least one access switch in every rack. */
export function sizeOutOfBand(name: string, racks: readonly RackEquipment[], options: OutOfBandOptions = {}): ManagementSizing {
  checkName(name);
  checkRacks(name, racks);
  const pdus = checkInteger(name, "pdusPerRack", options.pdusPerRack ?? 2, 0);
  const ports = checkTierPorts(name, options, 48);
  const blocks = racks.map((r): Block => ({ racks: [r.name], ports: r.nodes + pdus + (r.otherDevices ?? 0) }));
  return size(name, { blocks, suffix: "oob", minimumPerBlock: 1 }, ports);
}
