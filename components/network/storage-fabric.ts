/** The storage fabric (Ethernet leaf/spine) between compute nodes and storage servers. */
import * as pulumi from "@pulumi/pulumi";
import type { StorageFabricSizing } from "../../model/fabric";

/** Arguments of a {@link StorageFabric}. */
export interface StorageFabricArgs {
  /** Sizing from `sizeStorageFabric`. */
  readonly sizing: StorageFabricSizing;
  /** The range of the nodes' storage addresses. */
  readonly cidr: string;
  /** Port speed. */
  readonly speedGbps: number;
}

/** A storage fabric. */
export class StorageFabric extends pulumi.ComponentResource {
  readonly sizing: StorageFabricSizing;

  constructor(name: string, args: StorageFabricArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:network:StorageFabric", name, { cidr: args.cidr, speedGbps: args.speedGbps }, opts);
    this.sizing = args.sizing;
    this.registerOutputs({ sizing: args.sizing, cidr: args.cidr, speedGbps: args.speedGbps });
  }
}
