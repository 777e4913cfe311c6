/**
 * The comparison of a node's inspected hardware with its blueprint, injected into the lifecycle
 * (`BmcCalls.matchBlueprint`): the differences of the pure `compareWithBlueprint`
 * (model/baremetal/blueprint-match.ts). What the BMC cannot tell (IPMI FRU reports no GPUs) is
 * never held against the node.
 */
import type { HardwareFacts } from "../bmc/provisioning";
import { compareWithBlueprint } from "../model/baremetal/blueprint-match";
import type { ExpectedHardware } from "../model/baremetal/expected-hardware";

/** The differences between `facts` and `expected`, one sentence each; empty when the node matches. */
export function matchBlueprint(facts: HardwareFacts, expected: ExpectedHardware): string[] {
  return [...compareWithBlueprint(facts, expected).differences];
}
