/**
 * Building blocks shared by every inventory schema. Each schema is a TypeBox value, which is plain
 * JSON Schema (draft 2020-12) for ajv and a TypeScript type through `Static<>`, so the two cannot drift.
 */
import { Type, type TSchema } from "@sinclair/typebox";

/** A DNS-safe identifier: lower-case letters, digits and inner hyphens, at most 63 characters. */
export const Id = Type.String({
  pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
  description: "DNS-safe identifier",
});

/** ISO 3166-1 alpha-2 country code (upper case). `EL` (the EU's code for Greece) is accepted too. */
export const CountryCode = Type.String({ pattern: "^[A-Z]{2}$", description: "ISO 3166-1 alpha-2" });

/** ISO 3166-2 subdivision code, e.g. `LV-RIX`, `FI-18`. */
export const SubdivisionCode = Type.String({ pattern: "^[A-Z]{2}-[A-Z0-9]{1,3}$", description: "ISO 3166-2" });

/** An IPv4 network in CIDR notation, e.g. `10.64.0.0/12`. */
export const Ipv4Cidr = Type.String({
  pattern: "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$",
  description: "IPv4 CIDR",
});

/** A strictly positive number. */
export const Positive = (description: string) => Type.Number({ exclusiveMinimum: 0, description });

/** A number greater than or equal to zero. */
export const NonNegative = (description: string) => Type.Number({ minimum: 0, description });

/** A strictly positive whole number. */
export const Count = (description: string) => Type.Integer({ minimum: 1, description });

/** A fraction between 0 and 1 inclusive. */
export const Fraction = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

/** An object schema that rejects unknown keys, so a typo in the inventory is an error, not a silent default. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/** A non-empty array. */
export const NonEmpty = <T extends TSchema>(items: T, description?: string) => Type.Array(items, { minItems: 1, ...(description ? { description } : {}) });

/** One of a fixed set of strings, as a JSON Schema `enum` (one clear error) typed as their union. */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...options });
