/**
 * The SARIF 2.1.0 report, for code scanning: one rule per policy, one result per violation,
 * located at the inventory file (URI relative to the working directory) and line.
 */
import { createHash } from "node:crypto";
import type { AuditReport } from "../../policies/audit";
import type { RuleMeta, Severity } from "../../policies/rules";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub's `security-severity` scale. */
const SECURITY_SEVERITY: Record<Severity, string> = { low: "3.0", medium: "5.0", high: "7.5", critical: "9.5" };

function level(enforcement: RuleMeta["enforcementLevel"]): "error" | "warning" {
  return enforcement === "mandatory" ? "error" : "warning";
}

/** Renders the report as SARIF 2.1.0. */
export function renderSarif(report: AuditReport): string {
  const rules = report.policies.map((p) => ({
    id: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: p.description },
    help: { text: p.remediationSteps },
    helpUri: p.url,
    defaultConfiguration: { level: level(p.enforcementLevel) },
    properties: { tags: [...p.tags], "security-severity": SECURITY_SEVERITY[p.severity] },
  }));
  const results = report.violations.map((v) => ({
    ruleId: v.policy,
    ruleIndex: report.policies.findIndex((p) => p.name === v.policy),
    level: level(v.enforcementLevel),
    message: { text: v.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: v.file.split("\\").join("/"), uriBaseId: "%SRCROOT%" },
          region: { startLine: v.line, startColumn: v.column },
        },
      },
    ],
    partialFingerprints: { "gigafactoryViolation/v1": createHash("sha256").update(`${v.policy}\u0000${v.message}`).digest("hex").slice(0, 32) },
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "gigafactory audit", rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
