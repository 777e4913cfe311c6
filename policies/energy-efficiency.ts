/** `energy-efficiency` in the pack: design and measured PUE, heat reuse. */
import { configNumber } from "./config";
import { checkEnergyEfficiency, energyEfficiencyMeta } from "./rules/energy-efficiency";
import { sitePolicy } from "./site-policy";

/** Design and measured PUE within the maximum; large sites reuse their heat. */
export const adviseEnergyEfficiency = sitePolicy(energyEfficiencyMeta, checkEnergyEfficiency, (config) => ({
  maxDesignPue: configNumber(energyEfficiencyMeta, config, "maxDesignPue"),
  heatReuseThresholdKW: configNumber(energyEfficiencyMeta, config, "heatReuseThresholdKW"),
}));
