/**
 * What a node's inspection must find, from its blueprint in the ledger: the accelerators (count
 * and model) and the compute-fabric NICs (one port per rail at the rail's speed). Pure.
 */
import type { Blueprint } from "../../inventory/schema/hardware";

/** The hardware a node of a blueprint should report through its BMC. */
export interface ExpectedHardware {
  /** The blueprint's id, to name it in a refusal. */
  readonly blueprint: string;
  readonly accelerators: { readonly model: string; readonly count: number };
  /** Compute-fabric rails: NIC ports the node needs at `railSpeedGbps` or faster. */
  readonly rails: number;
  readonly railSpeedGbps: number;
}

/** The expectation of a blueprint. */
export function expectedHardware(blueprint: Blueprint): ExpectedHardware {
  return {
    blueprint: blueprint.id,
    accelerators: { model: blueprint.accelerator.model, count: blueprint.accelerator.count },
    rails: blueprint.rails,
    railSpeedGbps: blueprint.railSpeedGbps,
  };
}
