/**
 * The policies of the CrossGuard pack, in the order it registers them: the one list `index.ts`
 * hands to `new PolicyPack(...)` and `gigafactory plan` runs on the resources of every stack.
 * Importing it starts nothing (unlike `index.ts`, whose `PolicyPack` serves gRPC).
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
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
import { isolateTenants } from "./tenant-isolation";

/** A policy of the pack: it judges resources, the stack, or both. */
export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy | (ResourceValidationPolicy & StackValidationPolicy);

/** Every policy of the pack, in registration order. */
export const PACK_POLICIES: readonly PackPolicy[] = [
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
];
