/**
 * One stack of the fleet: load and check the inventory, stop before anything is provisioned when
 * the site fails a mandatory policy, then compose the layer this stack builds.
 */
import type { ExpandedSite, Fleet } from "../inventory/fleet";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import type { StackConfig } from "./config";
import { buildPhysical } from "./physical";

/** A loaded site: the fleet it belongs to and its expansion. */
export interface LoadedSite {
  readonly fleet: Fleet;
  readonly expanded: ExpandedSite;
}

/** Loads the fleet and finds the stack's site; throws with every inventory problem listed. */
export function loadSite(config: Pick<StackConfig, "fleet" | "site">): LoadedSite {
  const result = loadFleet(config.fleet);
  if (!result.fleet) {
    throw new Error(`inventory ${config.fleet} is invalid (${result.problems.length} problems):\n${result.problems.map(formatProblem).join("\n")}`);
  }
  const expanded = result.expanded.find((s) => s.site.id === config.site);
  if (!expanded) {
    throw new Error(`site [${config.site}] is not in fleet ${result.fleet.name}; its sites are ${result.expanded.map((s) => s.site.id).join(", ")}`);
  }
  return { fleet: result.fleet, expanded };
}

/** Composes the stack; returns its outputs. */
export function buildStack(config: StackConfig, loaded: LoadedSite = loadSite(config)): Record<string, unknown> {
  const { fleet, expanded } = loaded;
  switch (config.layer) {
    case "physical":
      return buildPhysical(fleet, expanded, config, {}).outputs;
    default:
      throw new Error(`layer "${config.layer}" is not built by this program yet`);
  }
}
