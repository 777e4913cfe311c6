/**
 * The comparison of a node's inspected hardware with its blueprint, injected into the lifecycle
 * (`BmcCalls.matchBlueprint`). Its home is the pure `model/baremetal/blueprint-match.ts` of the BMC
 * client work (issue 12); until that lands, this adapter compares what the refusal needs most:
 * accelerator count and model, and the NIC ports for the compute rails. Swap the body for a call
 * of `blueprintMatch` at merge; the lifecycle and its tests only see this signature.
 */
import type { HardwareFacts } from "../bmc/provisioning";
import type { ExpectedHardware } from "../model/baremetal/expected-hardware";

/** The differences between `facts` and `expected`, one sentence each; empty when the node matches. Facts the BMC does not report are not held against it. */
export function matchBlueprint(facts: HardwareFacts, expected: ExpectedHardware): string[] {
  const out: string[] = [];
  const gpus = facts.accelerators;
  if (gpus !== undefined) {
    if (gpus.length !== expected.accelerator.count) out.push(`${gpus.length} accelerators reported, the blueprint has ${expected.accelerator.count}`);
    const wanted = expected.accelerator.model.toLowerCase();
    const other = gpus.filter((g) => !g.model.toLowerCase().includes(wanted)).map((g) => `${g.id} is ${JSON.stringify(g.model)}`);
    if (other.length > 0) out.push(`accelerators not of model ${expected.accelerator.model}: ${other.join(", ")}`);
  }
  const fast = facts.nics?.filter((n) => n.speedGbps !== undefined && n.speedGbps >= expected.railSpeedGbps);
  if (fast !== undefined && facts.nics!.some((n) => n.speedGbps !== undefined) && fast.length < expected.rails) {
    out.push(`${fast.length} NIC ports of ${expected.railSpeedGbps} Gb/s or faster reported, the blueprint has ${expected.rails} rails`);
  }
  return out;
}
