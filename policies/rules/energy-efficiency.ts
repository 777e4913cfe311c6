/**
 * `energy-efficiency` (advisory by default): design PUE and, where the figures for the period
 * exist, measured PUE at most the maximum (Climate Neutral Data Centre Pact: 1.3 in cool
 * climates); sites of more than 1 MW reuse their waste heat (Directive (EU) 2023/1791 Art.
 * 26(6)). The reporting duty of Art. 12 is `eed-reporting`'s, a policy of its own so that an
 * operator can make it mandatory.
 */
import { facilityKW as facilityPowerKW, formatKW } from "../../model/power";
import type { SiteFacts } from "../../model/site-facts";
import { formatMWh, formatRatio } from "./format";
import { pueOf } from "./kpis";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./types";

/** The policy's metadata. */
export const energyEfficiencyMeta: RuleMeta = {
  name: "energy-efficiency",
  description: "Design and measured PUE stay within the maximum; sites of more than 1 MW reuse their waste heat.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["energy", "efficiency", "eed"],
  url: "https://eur-lex.europa.eu/eli/dir/2023/1791/oj",
  remediationSteps: "Lower the PUE (liquid cooling, free cooling, higher supply temperatures) and connect the site to a heat consumer.",
  configSchema: {
    properties: {
      maxDesignPue: {
        type: "number",
        minimum: 1,
        default: DEFAULT_SETTINGS.maxDesignPue,
        description: "highest acceptable PUE (EN 50600-4-2), design and measured",
      },
      heatReuseThresholdKW: {
        type: "number",
        minimum: 0,
        default: DEFAULT_SETTINGS.heatReuseThresholdKW,
        description: "facility power from which waste heat must be reused",
      },
    },
  },
  scope: "site",
};

/** Judges design and measured PUE and heat reuse. */
export function checkEnergyEfficiency(facts: SiteFacts, settings: Pick<RuleSettings, "maxDesignPue" | "heatReuseThresholdKW">): Finding[] {
  const subject = `site [${facts.siteId}]`;
  const findings: Finding[] = [];
  const pue = facts.facility.designPue;
  if (pue > settings.maxDesignPue) {
    findings.push({
      policy: "energy-efficiency",
      subject,
      message: `${subject} should have a design PUE of at most ${formatRatio(settings.maxDesignPue)}; its design PUE is ${pue}`,
      document: "site",
      path: ["facility", "designPue"],
    });
  }
  const { annualDemandMWh: edc, itEnergyMWh: eit, period } = facts.energy;
  const measured = pueOf(edc, eit ?? null);
  if (measured !== null && eit !== undefined && measured > settings.maxDesignPue) {
    findings.push({
      policy: "energy-efficiency",
      subject,
      message: `${subject} should have a measured PUE of at most ${formatRatio(settings.maxDesignPue)}; its PUE${period !== undefined ? ` for ${period}` : ""} is ${measured} (EDC ${formatMWh(edc)} / EIT ${formatMWh(eit)})`,
      document: "site",
      path: ["energy", "itEnergyMWh"],
    });
  }
  const facilityKW = facilityPowerKW(facts.itPowerKW, pue);
  if (facilityKW > settings.heatReuseThresholdKW && facts.facility.heatReuse === undefined) {
    findings.push({
      policy: "energy-efficiency",
      subject,
      message: `${subject} should reuse its waste heat; it draws ${formatKW(facilityKW)} at design PUE (reuse from ${formatKW(settings.heatReuseThresholdKW)}) and declares no facility.heatReuse`,
      document: "site",
      path: ["facility"],
    });
  }
  return findings;
}
