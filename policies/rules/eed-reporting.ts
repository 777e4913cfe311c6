/**
 * `eed-reporting`: a data centre with at least 500 kW of installed IT power reports its figures
 * to the European database every year (Directive (EU) 2023/1791 Art. 12 and Annex VII; Delegated
 * Regulation (EU) 2024/1364). A legal duty, split from the advisory `energy-efficiency` so that an
 * operator can make it mandatory (the pack's configuration, `gigafactory audit --mandatory
 * eed-reporting`); advisory by default, so that a fleet still being metered can be previewed.
 */
import { formatKW } from "../../model/power";
import type { SiteFacts } from "../../model/site-facts";
import { KPI_FIGURES } from "./kpis";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./types";

/** The policy's metadata. */
export const eedReportingMeta: RuleMeta = {
  name: "eed-reporting",
  description: "Sites with at least 500 kW of installed IT power declare the figures of the EU data-centre database for a named reporting period.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["energy", "reporting", "eed"],
  url: "https://eur-lex.europa.eu/eli/reg_del/2024/1364/oj",
  remediationSteps: "Declare energy.period and EIT, WIN, WIN-POT and EREUSE for it (metered figures), and report them to the EU database by 15 May.",
  configSchema: {
    properties: {
      reportingThresholdKW: {
        type: "number",
        minimum: 0,
        default: DEFAULT_SETTINGS.reportingThresholdKW,
        description: "installed IT power from which the EU reporting obligation applies",
      },
    },
  },
  scope: "site",
};

/** Judges whether a site under the reporting obligation declares what the EU database asks for. */
export function checkEedReporting(facts: SiteFacts, settings: Pick<RuleSettings, "reportingThresholdKW">): Finding[] {
  if (facts.itPowerKW < settings.reportingThresholdKW) return [];
  const subject = `site [${facts.siteId}]`;
  const lacks = [
    ...(facts.energy.period === undefined ? ["period (the reporting period)"] : []),
    ...KPI_FIGURES.filter(([field]) => facts.energy[field] === undefined).map(([field, kpi]) => `${field} (${kpi})`),
  ];
  if (lacks.length === 0) return [];
  return [
    {
      policy: "eed-reporting",
      subject,
      message: `${subject} should declare the figures of the EU data-centre database; it has ${formatKW(facts.itPowerKW)} IT power (reporting from ${formatKW(settings.reportingThresholdKW)}) but lacks ${lacks.join(", ")}`,
      document: "site",
      path: ["energy"],
    },
  ];
}
