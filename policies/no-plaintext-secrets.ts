/** `no-plaintext-secrets` in the pack: credential inputs of command resources are secrets. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configStrings } from "./config";
import { checkPlaintextSecrets, noPlaintextSecretsMeta } from "./rules/no-plaintext-secrets";
import { wireInputs } from "./secret-inputs";
import { policyFields } from "./metadata";

/** BMC and SSH credentials reach resources only as secrets. */
export const forbidPlaintextSecrets: ResourceValidationPolicy = {
  ...policyFields(noPlaintextSecretsMeta),
  validateResource: (args, report) => {
    if (!configStrings(noPlaintextSecretsMeta, args.getConfig(), "resourceTypes").includes(args.type)) return;
    for (const f of checkPlaintextSecrets(args.name, wireInputs(args.props))) report(f.message);
  },
};
