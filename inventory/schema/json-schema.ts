/**
 * The inventory's JSON Schemas as files (`inventory/schema/*.schema.json`), for editors
 * (yaml-language-server) and for tools outside this repository. They are rendered from the same
 * TypeBox values the loader validates with; a test fails when a file drifts from its source.
 */
import type { TSchema } from "@sinclair/typebox";
import { FleetFile } from "./fleet";
import { Site } from "./site";

/** Where the schemas are published, by file name. */
export const SCHEMA_FILES: Readonly<Record<string, { readonly title: string; readonly schema: TSchema }>> = {
  "fleet.schema.json": { title: "gigafactory fleet (fleet.yaml)", schema: FleetFile },
  "site.schema.json": { title: "gigafactory site (sites/<site-id>.yaml)", schema: Site },
};

/** The text of a schema file: draft 2020-12, with an id and a title. */
export function renderSchemaFile(name: string): string {
  const entry = SCHEMA_FILES[name];
  if (!entry) throw new Error(`no schema file ${name}`);
  const body = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://gigafactory.eu/schemas/${name}`,
    title: entry.title,
    ...optionalDefaults(JSON.parse(JSON.stringify(entry.schema)) as JsonSchema),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

type JsonSchema = { properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; [key: string]: unknown };

/**
 * A field with a `default` may be left out of a file (the loader fills it in), so it is not
 * `required` for a validator that does not apply defaults, as editors do not.
 */
function optionalDefaults(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, optionalDefaults(v)]));
    const required = (schema.required ?? []).filter((k) => !(schema.properties![k] && "default" in schema.properties![k]!));
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  if (schema.items) out.items = optionalDefaults(schema.items);
  return out;
}
