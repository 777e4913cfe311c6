/** The out-of-band network for BMCs and PDUs, which no tenant network may reach. */
import * as pulumi from "@pulumi/pulumi";
import type { ManagementSizing } from "../../model/fabric";

/** Arguments of an {@link OutOfBandNetwork}. */
export interface OutOfBandNetworkArgs {
  /** Sizing from `sizeOutOfBand`. */
  readonly sizing: ManagementSizing;
  /** The out-of-band range. */
  readonly cidr: string;
  /** The out-of-band VLAN. @default undefined (untagged) */
  readonly vlan?: number;
  /**
   * Every other range of the site (tenant, public, in-band, compute, storage), as inputs so that
   * the policy pack can check the out-of-band range stays apart from them. @default []
   */
  readonly otherRanges?: readonly { readonly name: string; readonly cidr: string }[];
}

/** Out-of-band management. */
export class OutOfBandNetwork extends pulumi.ComponentResource {
  readonly sizing: ManagementSizing;

  constructor(name: string, args: OutOfBandNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:network:OutOfBandNetwork", name, { cidr: args.cidr, vlan: args.vlan, otherRanges: args.otherRanges ?? [] }, opts);
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
