/** A storage system: capacity by tier, and where its replicas and backups are kept. */
import * as pulumi from "@pulumi/pulumi";
import type { StorageSystem as StorageSpec } from "../../inventory/schema/storage";

/** Arguments of a {@link StorageSystem}. */
export interface StorageSystemArgs {
  /** The storage system as the inventory describes it. */
  readonly spec: StorageSpec;
}

/** The capacity of a storage system: the sum of its tiers. */
export function storageCapacityTB(spec: StorageSpec): number {
  return spec.tiers.reduce((tb, t) => tb + t.capacityTB, 0);
}

/** A storage system. Its replica and backup locations are inputs, so the policy pack can judge data residency. */
export class StorageSystem extends pulumi.ComponentResource {
  readonly capacityTB: number;

  constructor(name: string, args: StorageSystemArgs, opts?: pulumi.ComponentResourceOptions) {
    const { spec } = args;
    super("gigafactory:storage:StorageSystem", name, { id: spec.id, kind: spec.kind, replicas: spec.replicas, backups: spec.backups }, opts);
    this.capacityTB = storageCapacityTB(spec);
    this.registerOutputs({ kind: spec.kind, tiers: spec.tiers, capacityTB: this.capacityTB, replicas: spec.replicas, backups: spec.backups });
  }
}
