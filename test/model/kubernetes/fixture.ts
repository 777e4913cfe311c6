/** The fleets the Kubernetes builders are tested on. */
import { join } from "node:path";
import type { ExpandedSite } from "../../../inventory/fleet";
import { loadFleet } from "../../../inventory/load";
import { MINIMAL_FLEET } from "../../helpers/fleet-fixture";

const FLEETS = {
  minimal: MINIMAL_FLEET,
  nordic: join(__dirname, "..", "..", "..", "inventory", "fleets", "nordic-baltic"),
  lab: join(__dirname, "..", "..", "..", "inventory", "fleets", "lab"),
};
const cache = new Map<string, readonly ExpandedSite[]>();

/** The first site of a fleet (and all of them), loaded once. */
export function loadFixture(fleet: keyof typeof FLEETS = "minimal"): { site: ExpandedSite["site"]; expanded: ExpandedSite; all: readonly ExpandedSite[] } {
  const all = cache.get(fleet) ?? load(fleet);
  return { site: all[0]!.site, expanded: all[0]!, all };
}

function load(fleet: keyof typeof FLEETS): readonly ExpandedSite[] {
  const result = loadFleet(FLEETS[fleet]);
  if (result.problems.length > 0) throw new Error(`fixture ${fleet} is invalid: ${result.problems.map((p) => p.message).join("; ")}`);
  cache.set(fleet, result.expanded);
  return result.expanded;
}
