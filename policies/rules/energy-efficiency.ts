/**
 * `energy-efficiency` (advisory by default): design PUE at most the maximum (Climate Neutral Data
 * Centre Pact: 1.3 in cool climates); sites under the EU reporting obligation (Directive (EU)
 * 2023/1791 Art. 12: installed IT power ≥ 500 kW) declare the figures the database requires; sites
 * of more than 1 MW reuse their waste heat (Art. 26(6)).
 */
import { facilityKW as facilityPowerKW, formatKW } from "../../model/power";
import type { SiteFacts } from "../../model/site-facts";
import { formatRatio } from "./format";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./types";

/** The policy's metadata. */
export const energyEfficiencyMeta: RuleMeta = {
  name: "energy-efficiency",
  description: "Design PUE stays within the maximum; sites under the EU reporting obligation declare their KPI figures and reuse their waste heat.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["energy", "efficiency", "eed"],
  url: "https://eur-lex.europa.eu/eli/dir/2023/1791/oj",
  remediationSteps:
    "Lower the design PUE (liquid cooling, free cooling, higher supply temperatures), declare EIT, WIN, WIN-POT and EREUSE for the reporting period, and connect the site to a heat consumer.",
  configSchema: {
    properties: {
      maxDesignPue: { type: "number", minimum: 1, default: DEFAULT_SETTINGS.maxDesignPue, description: "highest acceptable design PUE (EN 50600-4-2)" },
      reportingThresholdKW: {
        type: "number",
        minimum: 0,
        default: DEFAULT_SETTINGS.reportingThresholdKW,
        description: "installed IT power from which the EU reporting obligation applies",
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

/** The figures the EU database asks for, by field and KPI name. */
const REPORTED: readonly (readonly [keyof SiteFacts["energy"], string])[] = [
  ["itEnergyMWh", "EIT"],
  ["waterInputM3", "WIN"],
  ["potableWaterM3", "WIN-POT"],
  ["reusedHeatMWh", "EREUSE"],
];

/** Judges design PUE, reporting figures and heat reuse. */
export function checkEnergyEfficiency(
  facts: SiteFacts,
  settings: Pick<RuleSettings, "maxDesignPue" | "reportingThresholdKW" | "heatReuseThresholdKW">,
): Finding[] {
  const subject = `site [${facts.siteId}]`;
  const findings: Finding[] = [];
  const pue = facts.facility.designPue;
  if (pue > settings.maxDesignPue) {
    findings.push({
      policy: "energy-efficiency",
      subject,
      message: `${subject} should have a design PUE of at most ${formatRatio(settings.maxDesignPue)}; its design PUE is ${formatRatio(pue)}`,
      document: "site",
      path: ["facility", "designPue"],
    });
  }
  if (facts.itPowerKW >= settings.reportingThresholdKW) {
    const missing = REPORTED.filter(([field]) => facts.energy[field] === undefined).map(([field, kpi]) => `${field} (${kpi})`);
    if (missing.length > 0) {
      findings.push({
        policy: "energy-efficiency",
        subject,
        message: `${subject} should declare the figures of the EU data-centre database; it has ${formatKW(facts.itPowerKW)} IT power (reporting from ${formatKW(settings.reportingThresholdKW)}) but lacks ${missing.join(", ")}`,
        document: "site",
        path: ["energy"],
      });
    }
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
