/** `rack-power-capacity` in the pack: racks within their feeds, the site within its grid connection. */
import { checkRackPowerCapacity, rackPowerCapacityMeta } from "./rules/rack-power-capacity";
import { sitePolicy } from "./site-policy";

/** Racks draw at most what their feeds allow; the site fits its grid connection. */
export const limitRackPower = sitePolicy(rackPowerCapacityMeta, (facts) => checkRackPowerCapacity(facts));
