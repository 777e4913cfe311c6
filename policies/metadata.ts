/** A rule's metadata in the form CrossGuard registers it (`GetAnalyzerInfo` hands it to the engine). */
import type { Policy, PolicyConfigSchema } from "@pulumi/policy";
import type { RuleMeta } from "./rules/types";

/** The policy's `configSchema` in the form `@pulumi/policy` takes. */
export function policyConfigSchema(meta: RuleMeta): PolicyConfigSchema | undefined {
  if (!meta.configSchema) return undefined;
  return JSON.parse(JSON.stringify(meta.configSchema)) as PolicyConfigSchema;
}

/** The CrossGuard fields of a policy: name, description, enforcement level, severity, tags, link, config. */
export function policyFields(meta: RuleMeta): Policy {
  const configSchema = policyConfigSchema(meta);
  return {
    name: meta.name,
    description: meta.description,
    enforcementLevel: meta.enforcementLevel,
    severity: meta.severity,
    tags: [...meta.tags],
    url: meta.url,
    remediationSteps: meta.remediationSteps,
    ...(configSchema ? { configSchema } : {}),
  };
}
