/**
 * The JUnit XML report, for CI test reports: a testsuite per policy, a testcase per site. A
 * mandatory violation is a failure; an advisory one is not (the audit exits 0 on it, and a red
 * build would say otherwise): it is listed in the testcase's `properties` (`advisory`). Policies
 * judged only by the pack are skipped. Each suite states the mode, the thresholds and the sites'
 * reporting periods as properties. An inventory the loader refused yields one suite, `inventory`,
 * with a failing testcase per file.
 */
import type { Problem } from "../../inventory/problem";
import type { AuditReport } from "../../policies/audit";
import type { Mode, RuleMeta } from "../../policies/rules";
import { where, type Violation } from "../../policies/violation";
import { PACK_ONLY_NOTE, thresholds } from "./common";
import { INVENTORY_RULE } from "./sarif";

/** XML text and attribute escaping. */
export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function properties(indent: string, entries: readonly (readonly [string, string])[]): string {
  const props = entries.map(([name, value]) => `${indent}  <property name="${xml(name)}" value="${xml(value)}"/>`);
  return [`${indent}<properties>`, ...props, `${indent}</properties>`].join("\n");
}

/** The properties every suite carries: mode, thresholds, reporting periods. */
function suiteProperties(report: AuditReport): string {
  const t = thresholds(report);
  return properties("    ", [
    ["mode", report.mode],
    ["threshold.renewableShare", String(t.renewableShare)],
    ["threshold.maxPue", String(t.maxPue)],
    ["threshold.reportingThresholdKW", String(t.reportingThresholdKW)],
    ["threshold.heatReuseThresholdKW", String(t.heatReuseThresholdKW)],
    ...report.sites.map((s) => [`period.${s.id}`, s.kpis.period ?? "not declared"] as const),
  ]);
}

/** One testcase: passed, failed (mandatory violations), with advisory ones as properties, or skipped. */
function testcase(policy: RuleMeta, site: AuditReport["sites"][number], found: readonly Violation[]): { readonly text: string; readonly failed: boolean } {
  const attrs = `classname="${xml(policy.name)}" name="${xml(site.id)}" file="${xml(site.file)}"`;
  if (policy.scope === "resource")
    return { text: `    <testcase ${attrs}>\n      <skipped message="${xml(PACK_ONLY_NOTE)}"/>\n    </testcase>`, failed: false };
  const mandatory = found.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = found.filter((v) => v.enforcementLevel === "advisory");
  const body = [
    ...(advisory.length > 0
      ? [
          properties(
            "      ",
            advisory.map((v) => ["advisory", `${where(v)}: ${v.message}`] as const),
          ),
        ]
      : []),
    ...(mandatory.length > 0 ? [failure(mandatory)] : []),
  ];
  if (body.length === 0) return { text: `    <testcase ${attrs}/>`, failed: false };
  return { text: `    <testcase ${attrs}>\n${body.join("\n")}\n    </testcase>`, failed: mandatory.length > 0 };
}

/** Renders the report as JUnit XML. */
export function renderJunit(report: AuditReport): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const policy of report.policies) {
    const cases = report.sites.map((site) =>
      testcase(
        policy,
        site,
        report.violations.filter((v) => v.policy === policy.name && v.sites.includes(site.id)),
      ),
    );
    const suiteFailures = cases.filter((c) => c.failed).length;
    const suiteSkipped = policy.scope === "resource" ? report.sites.length : 0;
    tests += report.sites.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(policy.name)}" tests="${report.sites.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${suiteProperties(report)}\n${cases.map((c) => c.text).join("\n")}\n  </testsuite>`,
    );
  }
  return document(`gigafactory audit: ${report.fleet} (${report.mode})`, { tests, failures, skipped }, suites);
}

/** The JUnit XML of an inventory the loader refused: a suite `inventory`, a failing testcase per file. */
export function renderJunitInvalid(problems: readonly Problem[], mode: Mode): string {
  const files = [...new Set(problems.map((p) => p.file))];
  const cases = files.map((file) => {
    const found = problems.filter((p) => p.file === file);
    const first = found[0]!;
    const message = found.length === 1 ? first.message : `${found.length} problems: ${found.map((p) => p.message).join(" / ")}`;
    const body = found.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path === "" ? "(document)" : p.path}: ${p.message}`).join("\n");
    return `    <testcase classname="${INVENTORY_RULE}" name="${xml(file)}" file="${xml(file)}">\n      <failure type="invalid" message="${xml(message)}">${xml(body)}</failure>\n    </testcase>`;
  });
  const suite = `  <testsuite name="${INVENTORY_RULE}" tests="${files.length}" failures="${files.length}" errors="0" skipped="0">\n${properties("    ", [["mode", mode]])}\n${cases.join("\n")}\n  </testsuite>`;
  return document(`gigafactory audit: invalid inventory (${mode})`, { tests: files.length, failures: files.length, skipped: 0 }, [suite]);
}

function document(name: string, totals: { readonly tests: number; readonly failures: number; readonly skipped: number }, suites: readonly string[]): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}

function failure(found: readonly Violation[]): string {
  const message = found.length === 1 ? found[0]!.message : `${found.length} violations: ${found.map((v) => v.message).join(" / ")}`;
  const body = found.map((v) => `${where(v)}: ${v.enforcementLevel}: ${v.message}`).join("\n");
  return `      <failure type="mandatory" message="${xml(message)}">${xml(body)}</failure>`;
}
