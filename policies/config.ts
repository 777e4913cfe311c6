/**
 * Reads a policy's configuration (what `pulumi preview --policy-pack-config` or the service hands
 * the pack) against the policy's own `configSchema`: defaults for what is missing, an error naming
 * the policy and the key for what does not fit.
 */
import type { ConfigProperty, Mode, RuleMeta } from "./rules/types";

/** Raw configuration of one policy, as `getConfig()` returns it. */
export type RawConfig = Readonly<Record<string, unknown>>;

function property(meta: RuleMeta, key: string): ConfigProperty {
  const p = meta.configSchema?.properties[key];
  if (!p) throw new Error(`policy ${meta.name} has no config property ${key}`);
  return p;
}

function invalid(meta: RuleMeta, key: string, expected: string, got: unknown): Error {
  return new Error(`policy ${meta.name}: config ${key} should be ${expected}; got ${JSON.stringify(got)}`);
}

/** A number property, within the schema's bounds. */
export function configNumber(meta: RuleMeta, raw: RawConfig, key: string): number {
  const p = property(meta, key);
  const value = raw[key] ?? p.default;
  const bounds = `${p.minimum !== undefined ? ` ≥ ${p.minimum}` : ""}${p.maximum !== undefined ? ` ≤ ${p.maximum}` : ""}`;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    (p.minimum !== undefined && value < p.minimum) ||
    (p.maximum !== undefined && value > p.maximum)
  ) {
    throw invalid(meta, key, `a number${bounds}`, value);
  }
  return value;
}

/** A string property, one of the schema's `enum` when it has one. */
export function configString(meta: RuleMeta, raw: RawConfig, key: string): string {
  const p = property(meta, key);
  const value = raw[key] ?? p.default;
  if (typeof value !== "string" || (p.enum !== undefined && !p.enum.includes(value))) {
    throw invalid(meta, key, p.enum ? `one of ${p.enum.join(", ")}` : "a string", value);
  }
  return value;
}

/** The jurisdiction mode property. */
export function configMode(meta: RuleMeta, raw: RawConfig): Mode {
  return configString(meta, raw, "mode") as Mode;
}

/** A list of strings property. */
export function configStrings(meta: RuleMeta, raw: RawConfig, key: string): string[] {
  const p = property(meta, key);
  const value = raw[key] ?? p.default;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) throw invalid(meta, key, "a list of strings", value);
  return [...value];
}
