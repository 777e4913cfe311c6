/**
 * The inventory's validators, compiled ahead of time: `npm run build` (and so `npm ci`'s `prepare`)
 * runs `scripts/validators.ts`, which writes ajv's standalone code of each schema into
 * `inventory/schema/generated/` (and its copy in `dist/`), git-ignored. A validator is used only
 * while the digest it was generated from is its schema's digest; otherwise (no build yet, a schema
 * changed since) the schema is compiled at run time, as before. One home of the ajv options both use.
 */
import { createHash } from "node:crypto";
import type { TSchema } from "@sinclair/typebox";
import type { ValidateFunction } from "ajv/dist/2020";
import { FleetFile } from "./fleet";
import { Site } from "./site";

/** The ajv options of every inventory validator, compiled now or ahead of time. */
export const AJV_OPTIONS = { allErrors: true, useDefaults: true, strict: true, verbose: true } as const;

/** The schemas compiled ahead of time, by the name the generated module exports them under. */
export const PRECOMPILED_SCHEMAS: Readonly<Record<string, TSchema>> = { site: Site, fleet: FleetFile };

/** The generated module, relative to this file's directory (the same in `dist/`). */
export const GENERATED_MODULE = "generated/validators.js";

/** A digest of a schema as ajv reads it (its JSON): a generated validator of another digest is stale. */
export function schemaDigest(schema: TSchema): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex");
}

/** The generated module: each validator and the digests of the schemas they were generated from. */
interface Generated {
  readonly digests: Readonly<Record<string, string>>;
  readonly [name: string]: unknown;
}

let generated: Generated | null | undefined;

/** The validator generated for `schema`, or undefined when there is none or it is stale. */
export function precompiled(schema: TSchema): ValidateFunction | undefined {
  if (generated === undefined) {
    try {
      generated = require(`./${GENERATED_MODULE}`) as Generated;
    } catch {
      generated = null;
    }
  }
  if (!generated) return undefined;
  const name = Object.keys(PRECOMPILED_SCHEMAS).find((k) => PRECOMPILED_SCHEMAS[k] === schema);
  if (name === undefined || generated.digests[name] !== schemaDigest(schema)) return undefined;
  return generated[name] as ValidateFunction;
}
