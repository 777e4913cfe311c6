/** `data-residency` in the pack: replicas and backups inside the jurisdiction boundary, in `eu-jurisdiction`'s mode. */
import { packMode } from "./pack-mode";
import { checkDataResidency, dataResidencyMeta } from "./rules/data-residency";
import { sitePolicy } from "./site-policy";

/** Storage replicas and backups stay inside the same boundary as the sites. */
export const requireDataResidency = sitePolicy(dataResidencyMeta, checkDataResidency, (_config, args) => ({ mode: packMode(args.urn) }));
