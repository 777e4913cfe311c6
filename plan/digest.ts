/**
 * Digests of plain data: canonical JSON (keys sorted), SHA-256, truncated. Secret values are
 * replaced by a marker before hashing, so no digest a report prints is a hash of a credential.
 */
import { createHash } from "node:crypto";
import { SECRET_SIG, SECRET_SIG_KEY } from "../policies/rules/no-plaintext-secrets";

/** Hex digits of the digests in a plan: 64 bits, no collision across a fleet's resources in practice. */
const DIGEST_HEX = 16;

/** `value` as JSON with object keys sorted and every secret as `"[secret]"`. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  if (record[SECRET_SIG_KEY] === SECRET_SIG) return JSON.stringify("[secret]");
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
}

/** The digest of `value`'s canonical JSON. */
export function digest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, DIGEST_HEX);
}
