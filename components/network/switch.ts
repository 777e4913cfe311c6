/** One fabric switch with its configuration document (ports, neighbours, addresses) as data. */
import * as pulumi from "@pulumi/pulumi";
import type { SwitchConfig } from "../../model/fabric";

/** Arguments of a {@link Switch}. */
export interface SwitchArgs {
  /** The switch's configuration, from `buildComputeFabric`. */
  readonly config: SwitchConfig;
}

/**
 * A switch. A preview lists every switch a change adds. The whole configuration document is kept
 * on the object for in-process consumers; the engine gets a summary (the document is derived
 * from the inventory again by whoever pushes it, so it never has to travel through state).
 */
export class Switch extends pulumi.ComponentResource {
  readonly role: SwitchConfig["role"];
  readonly portsUsed: number;
  readonly config: SwitchConfig;

  constructor(name: string, args: SwitchArgs, opts?: pulumi.ComponentResourceOptions) {
    const { config } = args;
    super("gigafactory:network:Switch", name, { role: config.role, fabric: config.fabric, su: config.su, rail: config.rail, plane: config.plane }, opts);
    this.role = config.role;
    this.portsUsed = config.ports.length;
    this.config = config;
    let nodePorts = 0;
    for (const p of config.ports) if (p.neighbour.kind === "node") nodePorts++;
    this.registerOutputs({
      portsUsed: this.portsUsed,
      nodePorts,
      switchPorts: this.portsUsed - nodePorts,
      ...(config.asn !== undefined ? { asn: config.asn } : {}),
      ...(config.loopback !== undefined ? { loopback: config.loopback } : {}),
    });
  }
}
