/** The rail-optimised compute fabric (InfiniBand or Ethernet) of a site, with a child per switch. */
import * as pulumi from "@pulumi/pulumi";
import type { FabricSizing, SwitchConfig } from "../../model/fabric";
import { Switch } from "./switch";

/** Arguments of a {@link ComputeFabric}. */
export interface ComputeFabricArgs {
  /** Sizing from `buildComputeFabric`. */
  readonly sizing: FabricSizing;
  /** The switches this stack holds (a shard's block of the fabric's configurations). @default [] */
  readonly switches?: readonly SwitchConfig[];
  /** The range the nodes' rail addresses come from. */
  readonly cidr: string;
}

/**
 * A compute fabric. Its sizing is the same in every stack; the switches of one fabric shard are
 * its children, named from their configuration (`riga-1-compute-su01-rail3-leaf`).
 */
export class ComputeFabric extends pulumi.ComponentResource {
  readonly sizing: FabricSizing;
  readonly switches: readonly Switch[];

  constructor(name: string, args: ComputeFabricArgs, opts?: pulumi.ComponentResourceOptions) {
    const { sizing } = args;
    super("gigafactory:network:ComputeFabric", name, { technology: sizing.technology, cidr: args.cidr, tiers: sizing.tiers }, opts);
    this.sizing = sizing;
    // A loop, not `map`: the SDK records the call stack of every resource, and a shallower one is cheaper to record.
    const switches: Switch[] = [];
    for (const config of args.switches ?? []) switches.push(new Switch(config.name, { config }, { parent: this }));
    this.switches = switches;
    this.registerOutputs({ sizing, cidr: args.cidr });
  }
}
