/**
 * The SARIF 2.1.0 report, for code scanning: one rule per policy, one result per violation,
 * located at the inventory file (URI relative to the root of the git repository holding the
 * inventory, `%SRCROOT%`) and line. The tool names its version; `automationDetails.id` names the
 * mode (`gigafactory-audit/eu/`), so the runs of the two modes are told apart, not merged. An
 * inventory the loader refused still yields a run, its located errors as results of the rule
 * `inventory`.
 */
import { createHash } from "node:crypto";
import type { Problem } from "../../inventory/problem";
import type { AuditReport } from "../../policies/audit";
import type { Mode, RuleMeta, Severity } from "../../policies/rules";
import { projectVersion } from "../project-root";
import { thresholds } from "./common";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub's `security-severity` scale. */
const SECURITY_SEVERITY: Record<Severity, string> = { low: "3.0", medium: "5.0", high: "7.5", critical: "9.5" };

/** The rule the loader's errors are results of. */
export const INVENTORY_RULE = "inventory";

function level(enforcement: RuleMeta["enforcementLevel"]): "error" | "warning" {
  return enforcement === "mandatory" ? "error" : "warning";
}

/** A SARIF location at a file, line and column relative to the repository root. */
function location(at: { readonly file: string; readonly line: number; readonly column: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: at.file.split("\\").join("/"), uriBaseId: "%SRCROOT%" },
      region: { startLine: at.line, startColumn: at.column },
    },
  };
}

function fingerprint(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

/** The run around `rules` and `results`. */
function run(mode: Mode, rules: readonly object[], results: readonly object[], properties: object) {
  const version = projectVersion();
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "gigafactory audit", version, semanticVersion: version, rules } },
        automationDetails: { id: `gigafactory-audit/${mode}/` },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "the root of the git repository holding the inventory" } } },
        results,
        properties,
      },
    ],
  };
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
    locations: [location(v)],
    partialFingerprints: { "gigafactoryViolation/v1": fingerprint(v.policy, v.message) },
  }));
  const periods = Object.fromEntries(report.sites.map((s) => [s.id, s.kpis.period]));
  const properties = { fleet: report.fleet, mode: report.mode, compliant: report.compliant, thresholds: thresholds(report), periods };
  return `${JSON.stringify(run(report.mode, rules, results, properties), null, 2)}\n`;
}

/** The SARIF of an inventory the loader refused: one error result per located problem. */
export function renderSarifInvalid(problems: readonly Problem[], mode: Mode): string {
  const rule = {
    id: INVENTORY_RULE,
    shortDescription: { text: "The inventory loads: YAML syntax, schema and semantic checks." },
    fullDescription: { text: "Nothing is audited until the inventory loads; every problem is located at its file, line and field." },
    help: { text: "Fix each located problem; `npx gigafactory validate` lists them." },
    defaultConfiguration: { level: "error" },
  };
  const results = problems.map((p) => ({
    ruleId: INVENTORY_RULE,
    ruleIndex: 0,
    level: "error",
    message: { text: p.path === "" ? p.message : `${p.path}: ${p.message}` },
    locations: [location(p)],
    partialFingerprints: { "gigafactoryViolation/v1": fingerprint(INVENTORY_RULE, p.path, p.message) },
  }));
  return `${JSON.stringify(run(mode, [rule], results, { valid: false, mode, compliant: false }), null, 2)}\n`;
}
