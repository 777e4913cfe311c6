/** `bmc-tls-verified` in the pack: lists every BMC whose TLS certificate is not verified. */
import { bmcTlsVerifiedMeta, checkBmcTlsVerified } from "./rules/bmc-tls-verified";
import { sitePolicy } from "./site-policy";

/** BMC certificates are verified; an insecure BMC is named. */
export const adviseBmcTls = sitePolicy(bmcTlsVerifiedMeta, (facts) => checkBmcTlsVerified(facts));
