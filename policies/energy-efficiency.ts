/** `energy-efficiency` in the pack: design PUE, EU reporting figures, heat reuse. */
import { configNumber } from "./config";
import { checkEnergyEfficiency, energyEfficiencyMeta } from "./rules/energy-efficiency";
import { sitePolicy } from "./site-policy";

/** Design PUE within the maximum; reporting sites declare their figures and reuse their heat. */
export const adviseEnergyEfficiency = sitePolicy(energyEfficiencyMeta, checkEnergyEfficiency, (config) => ({
  maxDesignPue: configNumber(energyEfficiencyMeta, config, "maxDesignPue"),
  reportingThresholdKW: configNumber(energyEfficiencyMeta, config, "reportingThresholdKW"),
  heatReuseThresholdKW: configNumber(energyEfficiencyMeta, config, "heatReuseThresholdKW"),
}));
