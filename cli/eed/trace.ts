/** Where a value of the EU data-centre report came from: an inventory line, metering rows, or a formula with its inputs. */
import type { Located } from "../../inventory/fleet";
import type { FieldPath } from "../../inventory/problem";
import { formatPath } from "../../inventory/problem";

/** A field of an inventory file (a site file or `fleet.yaml`). */
export interface InventoryTrace {
  readonly kind: "inventory";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/** A column of a metering file over the months of the period. */
export interface MeteringTrace {
  readonly kind: "metering";
  readonly file: string;
  /** First and last row. */
  readonly lines: readonly [number, number];
  readonly column: string;
  /** How the months make the value: their sum, or the last month's level. */
  readonly rule: "sum of the months" | "last month";
}

/** A value computed from others. */
export interface FormulaTrace {
  readonly kind: "formula";
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number | string | null>>;
}

export type Trace = InventoryTrace | MeteringTrace | FormulaTrace;

/** The trace of a field at `path` of the file `locate` resolves. */
export function inventoryTrace(locate: (path: FieldPath) => Located, path: FieldPath): InventoryTrace {
  const at = locate(path);
  return { kind: "inventory", file: at.file, line: at.line, column: at.column, path: formatPath(path) };
}

/** A trace in words: `sites/riga-1.yaml:12:5 reporting.municipality`. */
export function describeTrace(t: Trace): string {
  switch (t.kind) {
    case "inventory":
      return `${t.file}:${t.line}:${t.column} ${t.path}`;
    case "metering":
      return `${t.file}:${t.lines[0]}-${t.lines[1]} ${t.column} (${t.rule})`;
    case "formula":
      if (Object.keys(t.inputs).length === 0) return `${t.formula}: none`;
      return `${t.formula} with ${Object.entries(t.inputs)
        .map(([k, v]) => `${k} = ${v ?? "missing"}`)
        .join(", ")}`;
  }
}
