/** `data-residency` in the pack: replicas and backups inside the jurisdiction boundary. */
import { configMode } from "./config";
import { checkDataResidency, dataResidencyMeta } from "./rules/data-residency";
import { sitePolicy } from "./site-policy";

/** Storage replicas and backups stay inside the same boundary as the sites. */
export const requireDataResidency = sitePolicy(dataResidencyMeta, checkDataResidency, (config) => ({ mode: configMode(dataResidencyMeta, config) }));
