/**
 * The JUnit XML report, for CI test reports: a testsuite per policy, a testcase per site, a failure
 * for the site's violations of the policy. Policies judged only by the pack are skipped.
 */
import type { AuditReport } from "../../policies/audit";
import { where, type Violation } from "../../policies/violation";
import { PACK_ONLY_NOTE } from "./common";

/** XML text and attribute escaping. */
export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Renders the report as JUnit XML. */
export function renderJunit(report: AuditReport): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const policy of report.policies) {
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const site of report.sites) {
      const open = `    <testcase classname="${xml(policy.name)}" name="${xml(site.id)}" file="${xml(site.file)}">`;
      if (policy.scope === "resource") {
        cases.push(`${open}\n      <skipped message="${xml(PACK_ONLY_NOTE)}"/>\n    </testcase>`);
        continue;
      }
      const found = report.violations.filter((v) => v.policy === policy.name && v.sites.includes(site.id));
      if (found.length === 0) {
        cases.push(`    <testcase classname="${xml(policy.name)}" name="${xml(site.id)}" file="${xml(site.file)}"/>`);
        continue;
      }
      suiteFailures++;
      cases.push(`${open}\n${failure(found)}\n    </testcase>`);
    }
    const suiteSkipped = policy.scope === "resource" ? report.sites.length : 0;
    tests += report.sites.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(policy.name)}" tests="${report.sites.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="gigafactory audit: ${xml(report.fleet)} (${report.mode})" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}

function failure(found: readonly Violation[]): string {
  const type = found.some((v) => v.enforcementLevel === "mandatory") ? "mandatory" : "advisory";
  const message = found.length === 1 ? found[0]!.message : `${found.length} violations: ${found.map((v) => v.message).join(" / ")}`;
  const body = found.map((v) => `${where(v)}: ${v.enforcementLevel}: ${v.message}`).join("\n");
  return `      <failure type="${type}" message="${xml(message)}">${xml(body)}</failure>`;
}
