/** `renewable-power`: evidenced renewable energy covers at least the threshold share of demand. */
import type { SiteFacts } from "../../model/site-facts";
import { formatMWh, formatShare, formatThreshold } from "./format";
import { accountRenewables, doubleClaims } from "./renewable";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./types";

/** The policy's metadata. */
export const renewablePowerMeta: RuleMeta = {
  name: "renewable-power",
  description: "Evidenced renewable energy (on-site generation, cancelled Guarantees of Origin) covers the site's demand up to the threshold.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["energy", "renewable", "eed"],
  url: "https://eur-lex.europa.eu/eli/reg_del/2024/1364/oj",
  remediationSteps:
    "Add renewable supply with Guarantees of Origin cancelled for the site's consumption (or on-site generation) until it covers the demand; grid, nuclear and fossil supply do not count.",
  configSchema: {
    properties: {
      threshold: {
        type: "number",
        minimum: 0,
        maximum: 1,
        default: DEFAULT_SETTINGS.renewableThreshold,
        description: "share of demand that must be covered by evidenced renewable energy",
      },
    },
  },
  scope: "site",
};

/**
 * Judges the share of demand that evidenced renewable energy covers, and refuses every claim of a
 * certificate after its first (in file order: by a site before this one, or an earlier supply).
 */
export function checkRenewablePower(facts: SiteFacts, settings: Pick<RuleSettings, "renewableThreshold">): Finding[] {
  const subject = `site [${facts.siteId}]`;
  const claims = doubleClaims(facts).map((c): Finding => ({
    policy: "renewable-power",
    subject,
    message: `${subject} should claim each Guarantee of Origin once; energy.supply[${c.supply}] claims certificate ${c.certificate}, already claimed by ${c.claimedBy}`,
    document: "site",
    path: ["energy", "supply", c.supply, "goo", "certificates", c.index],
  }));
  return [...claims, ...shareFindings(facts, settings)];
}

function shareFindings(facts: SiteFacts, settings: Pick<RuleSettings, "renewableThreshold">): Finding[] {
  const account = accountRenewables(facts.energy, facts.priorClaims);
  if (account.share >= settings.renewableThreshold) return [];
  const subject = `site [${facts.siteId}]`;
  const excluded = account.supplies.filter((s) => s.reason !== undefined);
  const evidence = excluded.length > 0 ? excluded.map((s) => s.reason!) : [`evidenced supply totals ${formatMWh(account.evidencedMWh)}`];
  const message =
    `${subject} should cover at least ${formatThreshold(settings.renewableThreshold)} of its demand with evidenced renewable energy; ` +
    `${formatShare(account.share)} of ${formatMWh(account.demandMWh)} is covered; ${evidence.join("; ")}`;
  const path = excluded.length > 0 ? ["energy", "supply", excluded[0]!.index] : ["energy", "annualDemandMWh"];
  return [{ policy: "renewable-power", subject, message, document: "site", path }];
}
