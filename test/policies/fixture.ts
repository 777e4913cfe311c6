/**
 * The compliant fixture as site facts, and one-changed-field copies of it, for the rule and pack
 * tests. Changes are made in memory on a deep copy; the YAML fixture is never touched.
 */
import type { ExpandedSite, Fleet } from "../../inventory/fleet";
import { loadFleet } from "../../inventory/load";
import { SITE_RESOURCE_TYPE, type SiteFacts } from "../../model/site-facts";
import { siteFacts } from "../../policies/facts";
import type { HarnessResource } from "../harness/pack";
import { MINIMAL_FLEET as MINIMAL } from "../helpers/fleet-fixture";

/** The fixture fleets. */
export { ICELAND_FLEET as ICELAND, LAB_FLEET as LAB, MINIMAL_FLEET as MINIMAL, NORDIC_FLEET as NORDIC } from "../helpers/fleet-fixture";

const loaded = new Map<string, { fleet: Fleet; expanded: readonly ExpandedSite[] }>();

/** A valid fleet, loaded once. */
export function fleetAt(dir: string): { fleet: Fleet; expanded: readonly ExpandedSite[] } {
  let hit = loaded.get(dir);
  if (!hit) {
    const r = loadFleet(dir);
    if (!r.fleet) throw new Error(`fixture ${dir} is invalid: ${r.problems.map((p) => p.message).join("; ")}`);
    hit = { fleet: r.fleet, expanded: r.expanded };
    loaded.set(dir, hit);
  }
  return hit;
}

/** The facts of the first site of a fleet (a fresh copy). */
export function factsOf(dir: string = MINIMAL): SiteFacts {
  const { fleet, expanded } = fleetAt(dir);
  return siteFacts(fleet, expanded[0]!);
}

/** The minimal fixture's facts with one change applied to a deep copy. */
export function factsWith(change: (facts: SiteFacts) => void, dir: string = MINIMAL): SiteFacts {
  const facts = structuredClone(factsOf(dir));
  change(facts);
  return facts;
}

/** The site resource the program registers for `facts`. */
export function siteResource(facts: unknown, name = "tst-1"): HarnessResource {
  return { type: SITE_RESOURCE_TYPE, name, props: facts as Record<string, unknown> };
}
