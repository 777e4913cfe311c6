/** Reads site facts out of resource inputs the engine handed over, refusing anything malformed. */
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import { formatPath } from "../inventory/problem";
import { pointerToPath } from "../inventory/schema-check";
import { SiteFactsSchema, type SiteFacts } from "../model/site-facts";

const ajv = new Ajv2020({ allErrors: false, strict: true });
const validate = ajv.compile<SiteFacts>(SiteFactsSchema);

/** The facts, or why they cannot be read. */
export type ReadFacts = { readonly facts: SiteFacts } | { readonly problem: string };

/**
 * Reads `value` (resource inputs: plain data, or the policy SDK's proxies over it) as site facts.
 * The value is copied to plain JSON first, so nothing the rules do can reach back into the engine's.
 */
export function readSiteFacts(value: unknown): ReadFacts {
  const data: unknown = JSON.parse(JSON.stringify(value ?? null));
  if (validate(data)) return { facts: data };
  return { problem: describe(validate.errors?.[0]) };
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return "they do not match the site facts schema";
  const path = formatPath(pointerToPath(error.instancePath));
  const params = error.params as Record<string, unknown>;
  const where = path === "" ? "" : `${path}: `;
  if (error.keyword === "required") return `${where}missing "${String(params.missingProperty)}"`;
  if (error.keyword === "additionalProperties") return `${where}unknown field "${String(params.additionalProperty)}"`;
  return `${where}${error.message ?? error.keyword}`;
}
