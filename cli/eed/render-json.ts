/** The EU data-centre report as JSON: the report object as built, two-space indented. */
import type { EedReport } from "./record";

/** Renders the report as JSON. */
export function renderEedJson(report: EedReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
