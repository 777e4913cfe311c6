/** Checks plain data against an inventory schema with ajv and reports every error as a located problem. */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { Static, TSchema } from "@sinclair/typebox";
import type { FieldPath, Problem } from "./problem";
import type { SourceFile } from "./source";
import { AJV_OPTIONS, precompiled } from "./schema/validators";

const compiled = new WeakMap<TSchema, ValidateFunction>();
let ajv: Ajv2020 | undefined;

/** The schema's validator: generated at build time when current (`schema/validators.ts`), else compiled now, once. */
function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema) ?? precompiled(schema);
  if (!validate) {
    if (!ajv) addFormats((ajv = new Ajv2020(AJV_OPTIONS)));
    validate = ajv.compile(schema);
  }
  compiled.set(schema, validate);
  return validate;
}

/**
 * Validates `data` (mutated: defaults are filled in) against `schema`. Returns the typed data when
 * valid, and the problems, located in `source`, otherwise.
 */
export function checkSchema<T extends TSchema>(schema: T, data: unknown, source: SourceFile): { value?: Static<T>; problems: Problem[] } {
  const validate = validatorOf(schema);
  if (validate(data)) return { value: data as Static<T>, problems: [] };
  return { problems: dropNoise(validate.errors ?? []).map((e) => toProblem(e, source)) };
}

function toProblem(error: ErrorObject, source: SourceFile): Problem {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return source.problem(path, `missing required field "${String(params.missingProperty)}"`, "key");
    case "additionalProperties":
      return source.problem([...path, String(params.additionalProperty)], `unknown field "${String(params.additionalProperty)}"`, "key");
    case "enum":
      return source.problem(path, `must be one of: ${(params.allowedValues as unknown[]).join(", ")}`);
    case "pattern":
      return source.problem(path, `${JSON.stringify(valueAt(source.data, path))} is not a valid ${error.parentSchema?.description ?? "value"}`);
    case "type":
      if (path.length === 0) return source.problem(path, "the file should hold a mapping of fields (it is empty or holds a list or a scalar)");
      return source.problem(path, error.message ?? error.keyword);
    default:
      return source.problem(path, error.message ?? error.keyword);
  }
}

/** ajv's `if`/`anyOf` wrappers repeat what the specific errors already say. */
function dropNoise(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== "if" && e.keyword !== "anyOf" && e.keyword !== "oneOf");
}

/** `/halls/0/racks` → `["halls", 0, "racks"]` (RFC 6901 unescaping). */
export function pointerToPath(pointer: string): FieldPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}
