/**
 * The gigafactory CrossGuard policy pack. One policy per file; each calls the pure rule in
 * `rules/` that the preflight gate and `gigafactory audit` call too.
 *
 * Run it with `pulumi preview --policy-pack policies`. The engine starts it through
 * `@pulumi/pulumi/cmd/run-policy-pack` with this directory as working directory, so
 * `package.json` (its version) and `PulumiPolicy.yaml` sit here.
 */
import { PolicyPack } from "@pulumi/policy";
import { adviseBmcTls } from "./bmc-tls-verified";
import { requireDataResidency } from "./data-residency";
import { requireEedReporting } from "./eed-reporting";
import { adviseEnergyEfficiency } from "./energy-efficiency";
import { requireEuJurisdiction } from "./eu-jurisdiction";
import { limitGpuQuota } from "./gpu-quota";
import { forbidPlaintextSecrets } from "./no-plaintext-secrets";
import { isolateOutOfBand } from "./out-of-band-isolation";
import { limitRackPower } from "./rack-power-capacity";
import { requireRenewablePower } from "./renewable-power";
import { installSecretAwareness } from "./secret-inputs";
import { isolateTenants } from "./tenant-isolation";

installSecretAwareness();

new PolicyPack("gigafactory", {
  description: "EU AI gigafactory: sovereignty, renewable power, efficiency, capacity, isolation and secrets, judged before provisioning.",
  enforcementLevel: "mandatory",
  policies: [
    requireEuJurisdiction,
    requireRenewablePower,
    adviseEnergyEfficiency,
    requireEedReporting,
    limitRackPower,
    requireDataResidency,
    isolateOutOfBand,
    limitGpuQuota,
    adviseBmcTls,
    isolateTenants,
    forbidPlaintextSecrets,
  ],
});
