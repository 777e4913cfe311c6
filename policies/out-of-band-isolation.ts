/** `out-of-band-isolation` in the pack: the management network shares no range with anything else. */
import { checkOutOfBandIsolation, outOfBandIsolationMeta } from "./rules/out-of-band-isolation";
import { sitePolicy } from "./site-policy";

/** The out-of-band network is private and overlaps no other range of the site. */
export const isolateOutOfBand = sitePolicy(outOfBandIsolationMeta, (facts) => checkOutOfBandIsolation(facts));
