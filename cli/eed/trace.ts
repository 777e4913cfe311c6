/** Where a value of the EU data-centre report came from: an inventory line, metering rows, or a formula with its inputs. */
import type { Located } from "../../inventory/fleet";
import type { FieldPath } from "../../inventory/problem";
import { formatPath } from "../../inventory/problem";

import type { InventoryTrace, Trace } from "./report-schema";

export type { FormulaTrace, InventoryTrace, MeteringTrace, Trace } from "./report-schema";

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
