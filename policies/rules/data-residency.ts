/**
 * `data-residency`: storage replicas and backups stay inside the same boundary as the sites
 * (`eu-jurisdiction`), classified with the same territory model.
 */
import type { SiteFacts } from "../../model/site-facts";
import { boundaryName, classify, inside } from "./jurisdiction";
import { POLICY_MODES } from "../../inventory/schema/fleet";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./types";

/** The policy's metadata. */
export const dataResidencyMeta: RuleMeta = {
  name: "data-residency",
  description: "Storage replicas and backups are kept inside the same jurisdiction boundary as the sites.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["sovereignty", "data", "storage"],
  url: "https://eur-lex.europa.eu/eli/reg/2021/1173/oj",
  remediationSteps: "Keep every replica and backup in an EU member state (or the EEA in eea mode); set the same mode as eu-jurisdiction.",
  configSchema: {
    properties: {
      mode: { type: "string", enum: POLICY_MODES, default: DEFAULT_SETTINGS.mode, description: "the boundary; keep it equal to eu-jurisdiction's mode" },
    },
  },
  scope: "site",
};

/** Judges where every replica and backup of the site's storage is kept. */
export function checkDataResidency(facts: SiteFacts, settings: Pick<RuleSettings, "mode">): Finding[] {
  const findings: Finding[] = [];
  const boundary = boundaryName(settings.mode);
  facts.storage.forEach((s, i) => {
    const subject = `storage [${s.id}] of site [${facts.siteId}]`;
    for (const list of ["replicas", "backups"] as const) {
      s[list].forEach((loc, j) => {
        const place = classify(loc.country, loc.subdivision);
        if (inside(place, settings.mode)) return;
        findings.push({
          policy: "data-residency",
          subject,
          message: `${subject} should keep ${list}[${j}] inside ${boundary} jurisdiction; ${place.evidence}`,
          document: "site",
          path: ["storage", i, list, j],
        });
      });
    }
  });
  return findings;
}
