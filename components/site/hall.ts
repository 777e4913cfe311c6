/** A data hall: a parent for its racks, with the hall's power totals. */
import * as pulumi from "@pulumi/pulumi";
import { rackTotals } from "../../inventory/expand";
import type { RackRecord } from "../../inventory/fleet";
import { Rack } from "./rack";

/** Arguments of a {@link Hall}. */
export interface HallArgs {
  /** Hall id within the site (`h1`). */
  readonly id: string;
  /** Cooling of the hall. */
  readonly cooling: { readonly kind: string };
  /** The racks of this hall that the stack holds (one shard's block, or all). */
  readonly racks: readonly RackRecord[];
}

/** A hall and its racks. Children are named `${name}-<rack>` (`riga-1-h1-r001`). */
export class Hall extends pulumi.ComponentResource {
  readonly racks: readonly Rack[];
  readonly itPowerKW: number;
  readonly accelerators: number;

  constructor(name: string, args: HallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:site:Hall", name, { id: args.id, cooling: args.cooling }, opts);
    this.racks = args.racks.map((rack) => new Rack(`${name}-${rack.id}`, { rack }, { parent: this }));
    const totals = rackTotals(args.racks);
    this.itPowerKW = totals.itPowerKW;
    this.accelerators = totals.accelerators;
    this.registerOutputs({ racks: this.racks.length, itPowerKW: this.itPowerKW, accelerators: this.accelerators });
  }
}
