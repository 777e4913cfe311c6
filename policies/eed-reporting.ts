/** `eed-reporting` in the pack: sites under the EU reporting obligation declare their figures. */
import { configNumber } from "./config";
import { checkEedReporting, eedReportingMeta } from "./rules/eed-reporting";
import { sitePolicy } from "./site-policy";

/** Sites of at least 500 kW IT power declare the EU database's figures (advisory; an operator may make it mandatory). */
export const requireEedReporting = sitePolicy(eedReportingMeta, checkEedReporting, (config) => ({
  reportingThresholdKW: configNumber(eedReportingMeta, config, "reportingThresholdKW"),
}));
