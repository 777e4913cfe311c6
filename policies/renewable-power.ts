/** `renewable-power` in the pack: evidenced renewable energy covers the site's demand. */
import { configNumber } from "./config";
import { checkRenewablePower, renewablePowerMeta } from "./rules/renewable-power";
import { sitePolicy } from "./site-policy";

/** Evidenced renewable energy covers at least the configured share of demand. */
export const requireRenewablePower = sitePolicy(renewablePowerMeta, checkRenewablePower, (config) => ({
  renewableThreshold: configNumber(renewablePowerMeta, config, "threshold"),
}));
