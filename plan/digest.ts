/**
 * Digests of plain data: SHA-256 of its JSON, truncated. The JSON keeps the order the code built
 * the data in, which the same code and input always repeat (and a plan compares only plans of the
 * same code: the fingerprints hold a digest of it). Secret values are replaced by a marker before
 * hashing, so no digest a report prints is a hash of a credential.
 */
import { createHash } from "node:crypto";
import { SECRET_SIG, SECRET_SIG_KEY } from "../policies/rules/no-plaintext-secrets";

/** Hex digits of the digests in a plan: 64 bits, no collision across a fleet's resources in practice. */
const DIGEST_HEX = 16;

function hideSecrets(_key: string, value: unknown): unknown {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG ? "[secret]" : value;
}

/** The digest of `value`'s JSON, secrets hidden. */
export function digest(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(value ?? null, hideSecrets) ?? "null")
    .digest("hex")
    .slice(0, DIGEST_HEX);
}
