/** The in-band management network: top-of-rack access switches and their aggregation. */
import * as pulumi from "@pulumi/pulumi";
import type { ManagementSizing } from "../../model/fabric";

/** Arguments of a {@link ManagementNetwork}. */
export interface ManagementNetworkArgs {
  /** Sizing from `sizeInBandManagement`. */
  readonly sizing: ManagementSizing;
  /** The in-band range. */
  readonly cidr: string;
  /** The in-band VLAN. @default undefined (untagged) */
  readonly vlan?: number;
}

/** In-band management. */
export class ManagementNetwork extends pulumi.ComponentResource {
  readonly sizing: ManagementSizing;

  constructor(name: string, args: ManagementNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:network:ManagementNetwork", name, { cidr: args.cidr, vlan: args.vlan }, opts);
    this.sizing = args.sizing;
    this.registerOutputs({
      cidr: args.cidr,
      vlan: args.vlan,
      access: args.sizing.access,
      aggregation: args.sizing.aggregation,
      cables: args.sizing.cables,
      accessSwitches: args.sizing.accessSwitches,
    });
  }
}
