/**
 * Turns a site rule into a CrossGuard resource policy: it judges the inputs of every
 * `gigafactory:site:Site` resource (the site facts), before the site or anything under it exists,
 * with the same function the preflight gate and `gigafactory audit` call.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { RawConfig } from "./config";
import { SITE_RESOURCE_TYPE, type SiteFacts } from "../model/site-facts";
import { policyFields } from "./metadata";
import { readSiteFacts } from "./read-facts";
import { DEFAULT_SETTINGS, type Finding, type RuleMeta, type RuleSettings } from "./rules";

/** A resource policy judging site facts with `check`; `settings` reads the policy's config (and the resource, for its URN). */
export function sitePolicy(
  meta: RuleMeta,
  check: (facts: SiteFacts, settings: RuleSettings) => Finding[],
  settings: (config: RawConfig, args: ResourceValidationArgs) => Partial<RuleSettings> = () => ({}),
): ResourceValidationPolicy {
  return {
    ...policyFields(meta),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (args.type !== SITE_RESOURCE_TYPE) return;
      const read = readSiteFacts(args.props);
      if ("problem" in read) {
        report(`site resource [${args.name}] should carry the site facts (model/site-facts.ts); ${read.problem}`);
        return;
      }
      const judged = { ...DEFAULT_SETTINGS, ...settings(args.getConfig<RawConfig>(), args) };
      // A finding that asks for review cannot be told apart from a refusal once reported under a
      // mandatory policy: the preflight gate and the audit show it, as advisory.
      for (const finding of check(read.facts, judged)) if (finding.level !== "advisory") report(finding.message);
    },
  };
}
