/** One fabric switch with its configuration document (ports, neighbours, addresses) as data. */
import * as pulumi from "@pulumi/pulumi";
import type { SwitchConfig } from "../../model/fabric";

/** Arguments of a {@link Switch}. */
export interface SwitchArgs {
  /** The switch's configuration, from `buildComputeFabric`. */
  readonly config: SwitchConfig;
}

/** One port of the map as a line: `17 400G riga-1-h1-r001-n01:rail3` or `33 400G riga-1-compute-spine01:5 10.0.0.1/31`. */
export function portLine(port: SwitchConfig["ports"][number]): string {
  const far = port.neighbour.kind === "node" ? `${port.neighbour.name}:rail${port.neighbour.port}` : `${port.neighbour.name}:${port.neighbour.port}`;
  return `${port.port} ${port.speedGbps}G ${far}${port.address ? ` ${port.address}` : ""}`;
}

/** A switch's port map as one text, one {@link portLine} a port in port order (`\n` between lines). */
export function portMap(ports: SwitchConfig["ports"]): string {
  return ports.map(portLine).join("\n");
}

/**
 * A switch. A preview lists every switch a change adds; its port map is an output, one text of a
 * line a port (compact, so that thousands of switches stay cheap in state and in registration:
 * one string is one value to serialise, where a list of 64 lines was 65). The whole configuration
 * document is kept on the object for in-process consumers such as a later push.
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
      ports: portMap(config.ports),
      portsUsed: this.portsUsed,
      nodePorts,
      switchPorts: this.portsUsed - nodePorts,
      ...(config.asn !== undefined ? { asn: config.asn } : {}),
      ...(config.loopback !== undefined ? { loopback: config.loopback } : {}),
    });
  }
}
