/**
 * What a node's inspection must find, from its blueprint in the ledger: the accelerators (count
 * and model), the compute-fabric NIC ports (one per rail at the rail's speed), the storage ports,
 * and the memory when the blueprint names it. The shape of the blueprint comparison's input
 * (`model/baremetal/blueprint-match.ts`, the BMC client work), so the host carries it as is. Pure.
 */
import type { Blueprint } from "../../inventory/schema/hardware";

/** The hardware a node of a blueprint should report through its BMC. */
export interface ExpectedHardware {
  /** The blueprint's id, to name it in a refusal. */
  readonly id: string;
  readonly accelerator: { readonly model: string; readonly count: number };
  /** Compute-fabric rails: NIC ports the node needs at `railSpeedGbps`. */
  readonly rails: number;
  readonly railSpeedGbps: number;
  readonly storagePorts?: number;
  /** System memory in GiB, when the blueprint names it. @default undefined (not checked) */
  readonly memoryGiB?: number;
}

/** The expectation of a blueprint. */
export function expectedHardware(blueprint: Blueprint & { readonly memoryGiB?: number }): ExpectedHardware {
  return {
    id: blueprint.id,
    accelerator: { model: blueprint.accelerator.model, count: blueprint.accelerator.count },
    rails: blueprint.rails,
    railSpeedGbps: blueprint.railSpeedGbps,
    storagePorts: blueprint.storagePorts,
    ...(blueprint.memoryGiB !== undefined ? { memoryGiB: blueprint.memoryGiB } : {}),
  };
}
