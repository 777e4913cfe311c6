/**
 * `eu-jurisdiction`: the hardware stands inside the territory of a member state and the operator
 * is incorporated in the Union (Council Regulation (EU) 2026/150, amending Regulation (EU)
 * 2021/1173 on the EuroHPC Joint Undertaking: AI gigafactories). In `eea` mode the boundary is
 * the European Economic Area instead. Places are judged by the one territory function
 * (`model/territory/place.ts`).
 */
import type { SiteFacts } from "../../model/site-facts";
import { boundaryName, classify, inside, type Placement } from "../../model/territory/place";
import { MODE_CONFIG, type Finding, type RuleMeta, type RuleSettings } from "./types";

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
  configSchema: { properties: { mode: MODE_CONFIG } },
  scope: "site",
};

/** How the findings about one place are worded and located. */
export interface PlaceFinding {
  readonly policy: Finding["policy"];
  readonly subject: string;
  /** Completes "<subject> should …; <evidence>" for a place outside, e.g. `be inside EU jurisdiction`. */
  readonly refusal: (boundary: string) => string;
  /** Completes "<subject> should … where EU law applies; <reason>" for a place to review; none: no review. */
  readonly review?: string;
  readonly document: Finding["document"];
  readonly path: (basis: Placement["basis"]) => Finding["path"];
}

/**
 * The findings about one place: a refusal when it is outside the boundary (or its code is
 * invalid), an advisory review when it is inside but its code cannot tell whether EU law applies.
 */
export function placeFindings(place: Placement, mode: RuleSettings["mode"], f: PlaceFinding): Finding[] {
  const at = { document: f.document, path: f.path(place.basis) };
  const { policy, subject } = f;
  if (!inside(place, mode)) return [{ policy, subject, message: `${subject} should ${f.refusal(boundaryName(mode))}; ${place.evidence}`, ...at }];
  if (place.review === undefined || f.review === undefined) return [];
  return [{ policy, subject, message: `${subject} should ${f.review} where EU law applies; ${place.review}`, ...at, level: "advisory" }];
}

/** Judges where the site stands and where its operator is incorporated. */
export function checkEuJurisdiction(facts: SiteFacts, settings: Pick<RuleSettings, "mode">): Finding[] {
  const policy = "eu-jurisdiction";
  const site = `site [${facts.siteId}]`;
  const operator = `operator [${facts.operator.name}]`;
  return [
    ...placeFindings(classify(facts.country, facts.subdivision), settings.mode, {
      policy,
      subject: site,
      refusal: (boundary) => `be inside ${boundary} jurisdiction`,
      review: "stand",
      document: "site",
      path: (basis) => [basis],
    }),
    // The operator's seat has no subdivision to narrow it down: it is not put up for review.
    ...placeFindings(classify(facts.operator.country), settings.mode, {
      policy,
      subject: operator,
      refusal: (boundary) => `be incorporated in the ${boundary}`,
      document: "fleet",
      path: () => ["operator", "country"],
    }),
  ];
}
