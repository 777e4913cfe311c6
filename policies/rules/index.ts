/**
 * Every rule, by policy name: the pure functions the pack, the preflight gate and
 * `gigafactory audit` call, and the metadata they all show.
 */
import type { SiteFacts } from "../../model/site-facts";
import { bmcTlsVerifiedMeta, checkBmcTlsVerified } from "./bmc-tls-verified";
import { checkDataResidency, dataResidencyMeta } from "./data-residency";
import { checkEedReporting, eedReportingMeta } from "./eed-reporting";
import { checkEnergyEfficiency, energyEfficiencyMeta } from "./energy-efficiency";
import { checkEuJurisdiction, euJurisdictionMeta } from "./eu-jurisdiction";
import { checkGpuQuota, gpuQuotaMeta } from "./gpu-quota";
import { noPlaintextSecretsMeta } from "./no-plaintext-secrets";
import { checkOutOfBandIsolation, outOfBandIsolationMeta } from "./out-of-band-isolation";
import { checkRackPowerCapacity, rackPowerCapacityMeta } from "./rack-power-capacity";
import { checkRenewablePower, renewablePowerMeta } from "./renewable-power";
import { tenantIsolationMeta } from "./tenant-isolation";
import type { Finding, PolicyName, RuleMeta, RuleSettings } from "./types";

/** A rule judged on the site facts. */
export interface SiteRule {
  readonly meta: RuleMeta;
  readonly check: (facts: SiteFacts, settings: RuleSettings) => Finding[];
}

/** The site rules, in report order. */
export const SITE_RULES: readonly SiteRule[] = [
  { meta: euJurisdictionMeta, check: checkEuJurisdiction },
  { meta: renewablePowerMeta, check: checkRenewablePower },
  { meta: energyEfficiencyMeta, check: checkEnergyEfficiency },
  { meta: eedReportingMeta, check: checkEedReporting },
  { meta: rackPowerCapacityMeta, check: (facts) => checkRackPowerCapacity(facts) },
  { meta: dataResidencyMeta, check: checkDataResidency },
  { meta: outOfBandIsolationMeta, check: (facts) => checkOutOfBandIsolation(facts) },
  { meta: gpuQuotaMeta, check: (facts) => checkGpuQuota(facts) },
  { meta: bmcTlsVerifiedMeta, check: (facts) => checkBmcTlsVerified(facts) },
];

/** The metadata of every policy, in report order. */
export const RULES: readonly RuleMeta[] = [...SITE_RULES.map((r) => r.meta), tenantIsolationMeta, noPlaintextSecretsMeta];

/** The metadata of one policy. */
export function ruleMeta(name: PolicyName): RuleMeta {
  return RULES.find((r) => r.name === name)!;
}

/** Every site rule's findings for one site. */
export function checkSite(facts: SiteFacts, settings: RuleSettings): Finding[] {
  return SITE_RULES.flatMap((rule) => rule.check(facts, settings));
}

export { DEFAULT_SETTINGS, POLICY_NAMES } from "./types";
export type { Finding, Mode, PolicyName, RuleMeta, RuleSettings, Severity } from "./types";
