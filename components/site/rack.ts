/** A rack: power feeds against the draw of its nodes, cooling, slots, and the ledger of its nodes. */
import * as pulumi from "@pulumi/pulumi";
import type { NodeRecord, RackRecord } from "../../inventory/fleet";
import { headroomKW, overdrawn } from "../../model/power";
import { roundTenth } from "../../model/round";

/** Arguments of a {@link Rack}. */
export interface RackArgs {
  /** The expanded rack, with its nodes (see `expandSite`). */
  readonly rack: RackRecord;
}

/** What later layers need of each node: the ledger entry. */
export type LedgerEntry = Pick<
  NodeRecord,
  "hostname" | "slot" | "blueprint" | "accelerators" | "bmc" | "outOfBandIp" | "inBandIp" | "storageIp" | "computeIps" | "pool" | "tenantClass"
>;

/** One rack. Its per-node ledger is an output, for the bare-metal layer and for reviewers. */
export class Rack extends pulumi.ComponentResource {
  readonly drawKW: number;
  readonly usableKW: number;
  readonly accelerators: number;
  readonly nodes: readonly LedgerEntry[];

  constructor(name: string, args: RackArgs, opts?: pulumi.ComponentResourceOptions) {
    const { rack } = args;
    if (overdrawn(rack)) {
      throw new Error(`rack [${rack.name}] draws ${rack.drawKW} kW but its feeds allow ${roundTenth(rack.usableKW)} kW`);
    }
    super("gigafactory:site:Rack", name, { type: rack.type.id, number: rack.number }, opts);
    this.drawKW = rack.drawKW;
    this.usableKW = roundTenth(rack.usableKW);
    this.accelerators = rack.nodes.reduce((n, node) => n + node.accelerators, 0);
    this.nodes = rack.nodes.map((n) => ({
      hostname: n.hostname,
      slot: n.slot,
      blueprint: n.blueprint,
      accelerators: n.accelerators,
      bmc: n.bmc,
      outOfBandIp: n.outOfBandIp,
      inBandIp: n.inBandIp,
      storageIp: n.storageIp,
      computeIps: n.computeIps,
      pool: n.pool,
      tenantClass: n.tenantClass,
    }));
    this.registerOutputs({
      feeds: rack.type.feeds,
      redundancy: rack.type.redundancy,
      cooling: rack.type.cooling,
      rackUnits: rack.type.rackUnits,
      drawKW: this.drawKW,
      usableKW: this.usableKW,
      headroomKW: roundTenth(headroomKW(rack)),
      accelerators: this.accelerators,
      nodes: this.nodes,
    });
  }
}
