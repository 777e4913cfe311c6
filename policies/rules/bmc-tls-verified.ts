/**
 * `bmc-tls-verified` (advisory): every BMC's TLS certificate is verified, against the system's
 * roots or a CA bundle the inventory names. A BMC the inventory marks `insecure: true` (Metal3's
 * `disableCertificateVerification`) is allowed, for a BMC whose certificate cannot be replaced
 * yet, and listed here by name so that the exception stays visible in every audit.
 */
import type { SiteFacts } from "../../model/site-facts";
import type { Finding, RuleMeta } from "./types";

/** The policy's metadata. */
export const bmcTlsVerifiedMeta: RuleMeta = {
  name: "bmc-tls-verified",
  description: "Every BMC's TLS certificate is verified; BMCs the inventory marks insecure are listed.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["bmc", "tls"],
  url: "https://book.metal3.io/bmo/supported_hardware",
  remediationSteps:
    "Give the BMC a certificate signed by a CA you trust and name that CA's bundle in bmcAccess (tls: { caBundle }), instead of insecure: true.",
  scope: "site",
};

/** One finding per BMC whose certificate is not verified. */
export function checkBmcTlsVerified(facts: SiteFacts): Finding[] {
  return (facts.insecureBmcs ?? []).map((b) => {
    const subject = `BMC [${b.bmc}] of node [${b.hostname}]`;
    return {
      policy: "bmc-tls-verified",
      subject,
      message: `${subject} should have its TLS certificate verified; the inventory sets insecure: true (bmcAccess)`,
      document: "site",
      path: ["bmcAccess"],
    };
  });
}
