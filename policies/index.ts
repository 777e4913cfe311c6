/**
 * The gigafactory CrossGuard policy pack. One policy per file; each calls the pure rule in
 * `rules/` that the preflight gate and `gigafactory audit` call too.
 *
 * Run it with `pulumi preview --policy-pack policies`. The engine starts it through
 * `@pulumi/pulumi/cmd/run-policy-pack` with this directory as working directory, so
 * `package.json` (its version) and `PulumiPolicy.yaml` sit here.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_POLICIES } from "./pack-policies";
import { installSecretAwareness } from "./secret-inputs";

installSecretAwareness();

new PolicyPack("gigafactory", {
  description: "EU AI gigafactory: sovereignty, renewable power, efficiency, capacity, isolation and secrets, judged before provisioning.",
  enforcementLevel: "mandatory",
  policies: [...PACK_POLICIES],
});
