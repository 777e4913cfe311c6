/**
 * `eu-jurisdiction`: the hardware stands inside the territory of a member state and the operator
 * is incorporated in the Union (Council Regulation (EU) 2026/150, amending Regulation (EU)
 * 2021/1173 on the EuroHPC Joint Undertaking: AI gigafactories). In `eea` mode the boundary is
 * the European Economic Area instead.
 */
import type { SiteFacts } from "../../model/site-facts";
import { boundaryName, classify, inside } from "./jurisdiction";
import { POLICY_MODES } from "../../inventory/schema/fleet";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./types";

/** The policy's metadata. */
export const euJurisdictionMeta: RuleMeta = {
  name: "eu-jurisdiction",
  description: "Sites stand inside the territory of an EU member state and the operator is incorporated in the Union.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["sovereignty", "jurisdiction", "eurohpc"],
  url: "https://eur-lex.europa.eu/eli/reg/2021/1173/oj",
  remediationSteps:
    "Place the site in an EU member state (outermost regions count; overseas countries and territories do not) and have an operator incorporated in the Union, or run the pack in eea mode where the EEA is acceptable.",
  configSchema: {
    properties: {
      mode: {
        type: "string",
        enum: POLICY_MODES,
        default: DEFAULT_SETTINGS.mode,
        description: "eu: the European Union (strict); eea: the European Economic Area",
      },
    },
  },
  scope: "site",
};

/** Judges where the site stands and where its operator is incorporated. */
export function checkEuJurisdiction(facts: SiteFacts, settings: Pick<RuleSettings, "mode">): Finding[] {
  const findings: Finding[] = [];
  const boundary = boundaryName(settings.mode);
  const place = classify(facts.country, facts.subdivision);
  if (!inside(place, settings.mode)) {
    const subject = `site [${facts.siteId}]`;
    const path = [place.basis];
    findings.push({
      policy: "eu-jurisdiction",
      subject,
      message: `${subject} should be inside ${boundary} jurisdiction; ${place.evidence}`,
      document: "site",
      path,
    });
  }
  const seat = classify(facts.operator.country);
  if (!inside(seat, settings.mode)) {
    const subject = `operator [${facts.operator.name}]`;
    findings.push({
      policy: "eu-jurisdiction",
      subject,
      message: `${subject} should be incorporated in the ${boundary}; ${seat.evidence}`,
      document: "fleet",
      path: ["operator", "country"],
    });
  }
  return findings;
}
