/**
 * How the provider reaches a site's BMCs: which credentials (a reference; the values are Pulumi
 * secrets in the stack's config, `gigafactory:bmcCredentials.<reference>`), and how each BMC's TLS
 * certificate is trusted. Per site, overridden per rack range or per node; the last rule that
 * matches a node wins.
 */
import { Type, type Static } from "@sinclair/typebox";
import { Id, NonEmpty, Strict } from "./common";
import { RackRange } from "./workload";

/** The reference a site's BMCs use when the inventory names none. */
export const DEFAULT_CREDENTIALS_REF = "default";

/**
 * TLS trust of a BMC: a CA bundle (a PEM file, relative to the fleet directory) that signs its
 * certificate, or `insecure: true`, which skips verification for that BMC alone (Metal3's
 * `disableCertificateVerification`) and which the audit lists. Verified against the system's roots otherwise.
 */
export const BmcTlsSpec = Type.Union([
  Strict({ caBundle: Type.String({ minLength: 1, description: "PEM CA bundle, relative to the fleet directory" }) }),
  Strict({ insecure: Type.Literal(true, { description: "skip certificate verification for these BMCs (listed by the audit)" }) }),
]);
export type BmcTlsSpec = Static<typeof BmcTlsSpec>;

/** Credentials and TLS for some racks or nodes. */
export const BmcAccessRule = Strict({
  racks: Type.Optional(NonEmpty(RackRange, "rack ranges the rule applies to")),
  nodes: Type.Optional(NonEmpty(Type.String({ minLength: 1 }), "hostnames the rule applies to")),
  credentials: Type.Optional(Id),
  tls: Type.Optional(BmcTlsSpec),
});
export type BmcAccessRule = Static<typeof BmcAccessRule>;

/** A site's BMC access: the default credentials and TLS, then the rules. */
export const BmcAccess = Strict({
  credentials: Type.String({ pattern: Id.pattern, default: DEFAULT_CREDENTIALS_REF, description: "credential reference of the site's BMCs" }),
  tls: Type.Optional(BmcTlsSpec),
  rules: Type.Array(BmcAccessRule, { default: [] }),
});
export type BmcAccess = Static<typeof BmcAccess>;
