/** One fabric switch with its configuration document (ports, neighbours, addresses) as data. */
import * as pulumi from "@pulumi/pulumi";
import type { SwitchConfig } from "../../model/fabric";

/** Arguments of a {@link Switch}. */
export interface SwitchArgs {
  /** The switch's configuration, from `buildComputeFabric`. */
  readonly config: SwitchConfig;
}

/** A switch. A preview lists every switch a change adds; its port map is an output for the push that a later layer does. */
export class Switch extends pulumi.ComponentResource {
  readonly role: SwitchConfig["role"];
  readonly portsUsed: number;

  constructor(name: string, args: SwitchArgs, opts?: pulumi.ComponentResourceOptions) {
    const { config } = args;
    super("gigafactory:network:Switch", name, { role: config.role, fabric: config.fabric, su: config.su, rail: config.rail, plane: config.plane }, opts);
    this.role = config.role;
    this.portsUsed = config.ports.length;
    this.registerOutputs({ config });
  }
}
