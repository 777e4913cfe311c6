/**
 * The JSON form of `gigafactory report eed` as a TypeBox schema: the report's TypeScript types are
 * derived from it (`Static<>`), so the published file `cli/eed/eed-report.schema.json` (draft
 * 2020-12, written by `npm run schemas`, checked by a test) and the JSON the command prints cannot
 * drift apart.
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox";

const Obj = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const InventoryTraceSchema = Obj(
  { kind: Type.Literal("inventory"), file: Type.String(), line: Type.Integer({ minimum: 1 }), column: Type.Integer({ minimum: 1 }), path: Type.String() },
  "a field of an inventory file (a site file or fleet.yaml)",
);
export const MeteringTraceSchema = Obj(
  {
    kind: Type.Literal("metering"),
    file: Type.String(),
    lines: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 2, maxItems: 2, description: "first and last row" }),
    column: Type.String(),
    rule: Type.Union([Type.Literal("sum of the months"), Type.Literal("last month")]),
  },
  "a column of a metering file over the months of the period",
);
export const FormulaTraceSchema = Obj(
  {
    kind: Type.Literal("formula"),
    formula: Type.String(),
    inputs: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
  },
  "a value computed from others",
);
export const TraceSchema = Type.Union([InventoryTraceSchema, MeteringTraceSchema, FormulaTraceSchema]);

const Value = Type.Union([Type.Number(), Type.String(), Type.Null()]);

export const ReportedValueSchema = Obj(
  {
    key: Type.String(),
    label: Type.String(),
    unit: Type.String(),
    value: Value,
    trace: Type.Optional(TraceSchema),
    missing: Type.Optional(Type.String({ description: "why the value is missing" })),
  },
  "one field's value with where it came from, or why it is missing",
);
export const MissingFieldSchema = Obj({ key: Type.String(), label: Type.String(), reason: Type.String() }, "a mandatory field the report lacks");
export const SupplyLineSchema = Obj({
  index: Type.Integer({ minimum: 0 }),
  kind: Type.String(),
  technology: Type.String(),
  deliveredMWh: Type.Number({ minimum: 0 }),
  countedMWh: Type.Number({ minimum: 0 }),
  registry: Type.Optional(Type.String()),
  certificates: Type.Array(Type.String()),
  cancelled: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Type.String({ description: "why the supply does not count as renewable" })),
  trace: TraceSchema,
});
export const ThresholdSchema = Obj({
  kpi: Type.Union([Type.Literal("PUE"), Type.Literal("REF")]),
  value: Type.Union([Type.Number(), Type.Null()]),
  comparison: Type.Union([Type.Literal("≤"), Type.Literal("≥")]),
  limit: Type.Number(),
  meets: Type.Union([Type.Boolean(), Type.Null()]),
  source: Type.String(),
});
export const SiteRecordSchema = Obj({
  site: Type.String(),
  file: Type.String(),
  mustReport: Type.Boolean(),
  reason: Type.String({ description: "why the site reports, or why not" }),
  installedItPower: Obj({ kw: Type.Number({ minimum: 0 }), trace: TraceSchema }),
  energySource: Type.Union([Type.Literal("metering"), Type.Literal("inventory"), Type.Literal("none")]),
  values: Type.Array(ReportedValueSchema),
  missing: Type.Array(MissingFieldSchema),
  supplies: Type.Array(SupplyLineSchema),
  thresholds: Type.Array(ThresholdSchema),
});
export const EedReportSchema = Obj({
  fleet: Type.String(),
  period: Obj({ year: Type.Integer(), from: Type.String({ format: "date" }), to: Type.String({ format: "date" }) }),
  dueDate: Type.String({ format: "date", description: "15 May of the year after the period" }),
  reportingThresholdKW: Type.Number(),
  complete: Type.Boolean({ description: "no site that must report lacks a mandatory field" }),
  sites: Type.Array(SiteRecordSchema),
});

/** Where the schema is published, relative to the project root. */
export const EED_REPORT_SCHEMA_FILE = "cli/eed/eed-report.schema.json";

/** The text of the published schema file. */
export function renderEedReportSchema(): string {
  const schema: TSchema = EedReportSchema;
  const body = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://gigafactory.eu/schemas/eed-report.schema.json",
    title: "gigafactory report eed (the EU data-centre report, JSON form)",
    ...(JSON.parse(JSON.stringify(schema)) as object),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export type InventoryTrace = Static<typeof InventoryTraceSchema>;
export type MeteringTrace = Static<typeof MeteringTraceSchema>;
export type FormulaTrace = Static<typeof FormulaTraceSchema>;
export type Trace = Static<typeof TraceSchema>;
export type ReportedValue = Static<typeof ReportedValueSchema>;
export type MissingField = Static<typeof MissingFieldSchema>;
export type SupplyLine = Static<typeof SupplyLineSchema>;
export type Threshold = Static<typeof ThresholdSchema>;
export type SiteRecord = Static<typeof SiteRecordSchema>;
export type EedReport = Static<typeof EedReportSchema>;
