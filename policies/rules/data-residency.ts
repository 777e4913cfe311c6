/**
 * `data-residency`: storage replicas and backups stay inside the same boundary as the sites
 * (`eu-jurisdiction`), judged by the same territory function and in the same mode: the one mode
 * setting is `eu-jurisdiction`'s, this policy has none of its own.
 */
import type { SiteFacts } from "../../model/site-facts";
import { classify } from "../../model/territory/place";
import { placeFindings } from "./eu-jurisdiction";
import type { Finding, RuleMeta, RuleSettings } from "./types";

/** The policy's metadata. */
export const dataResidencyMeta: RuleMeta = {
  name: "data-residency",
  description: "Storage replicas and backups are kept inside the same jurisdiction boundary as the sites.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["sovereignty", "data", "storage"],
  url: "https://eur-lex.europa.eu/eli/reg/2021/1173/oj",
  remediationSteps: "Keep every replica and backup in an EU member state (or the EEA where eu-jurisdiction's mode is eea).",
  scope: "site",
};

/** Judges where every replica and backup of the site's storage is kept. */
export function checkDataResidency(facts: SiteFacts, settings: Pick<RuleSettings, "mode">): Finding[] {
  return facts.storage.flatMap((s, i) => {
    const subject = `storage [${s.id}] of site [${facts.siteId}]`;
    return (["replicas", "backups"] as const).flatMap((list) =>
      s[list].flatMap((loc, j) =>
        placeFindings(classify(loc.country, loc.subdivision), settings.mode, {
          policy: "data-residency",
          subject,
          refusal: (boundary) => `keep ${list}[${j}] inside ${boundary} jurisdiction`,
          review: `keep ${list}[${j}]`,
          document: "site",
          path: () => ["storage", i, list, j],
        }),
      ),
    );
  });
}
