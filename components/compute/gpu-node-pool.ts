/** A pool of GPU nodes of one SKU serving one tenant class, placed over racks. */
import * as pulumi from "@pulumi/pulumi";
import type { TenantClass } from "../../inventory/schema/workload";

/** Arguments of a {@link GpuNodePool}. */
export interface GpuNodePoolArgs {
  /** Node blueprint (SKU id). */
  readonly blueprint: string;
  /** Accelerator model of the SKU (`H200`, `B200`). */
  readonly acceleratorModel: string;
  /** Accelerators per node. */
  readonly acceleratorsPerNode: number;
  /** Who the pool serves. */
  readonly tenantClass: TenantClass;
  /** Hostnames of the nodes the pool holds, in ledger order. */
  readonly nodes: readonly string[];
  /** Racks the nodes stand in (`riga-1-h1-r001`), in order. */
  readonly racks: readonly string[];
  /** Tenants whose quota draws on this pool. @default [] */
  readonly tenants?: readonly string[];
}

/** How many nodes and GPUs a pool of these args holds. */
export function poolSize(args: Pick<GpuNodePoolArgs, "nodes" | "acceleratorsPerNode">): { readonly nodes: number; readonly gpus: number } {
  return { nodes: args.nodes.length, gpus: args.nodes.length * args.acceleratorsPerNode };
}

/** A GPU node pool. */
export class GpuNodePool extends pulumi.ComponentResource {
  readonly nodeCount: number;
  readonly gpuCount: number;

  constructor(name: string, args: GpuNodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.nodes.length === 0) throw new Error(`pool [${name}] should hold at least one node`);
    super("gigafactory:compute:GpuNodePool", name, { blueprint: args.blueprint, tenantClass: args.tenantClass, nodeCount: args.nodes.length }, opts);
    ({ nodes: this.nodeCount, gpus: this.gpuCount } = poolSize(args));
    this.registerOutputs({
      blueprint: args.blueprint,
      acceleratorModel: args.acceleratorModel,
      tenantClass: args.tenantClass,
      nodeCount: this.nodeCount,
      gpuCount: this.gpuCount,
      racks: args.racks,
      nodes: args.nodes,
      tenants: args.tenants ?? [],
    });
  }
}
