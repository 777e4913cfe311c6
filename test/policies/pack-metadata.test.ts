/** What the pack registers (`GetAnalyzerInfo`) matches every policy's metadata in `policies/rules`. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../policies/rules";
import { POLICIES_DIR, type PackInfo } from "../harness/pack";
import { sharedPack } from "../harness/shared";

describe("policy pack over gRPC: metadata", function () {
  this.timeout(60_000);
  let info: PackInfo;

  before(async () => {
    info = await (await sharedPack()).info();
  });

  it("is the pack of policies/package.json, and takes configuration", () => {
    const pkg = JSON.parse(readFileSync(join(POLICIES_DIR, "package.json"), "utf8")) as { version: string };
    assert.equal(info.name, "gigafactory");
    assert.equal(info.version, pkg.version);
    assert.equal(info.supportsConfig, true);
  });

  it("registers every policy, in order, and nothing else", () => {
    assert.deepEqual(
      info.policies.map((p) => p.name),
      RULES.map((r) => r.name),
    );
  });

  for (const rule of RULES) {
    it(`registers ${rule.name} with its metadata`, () => {
      const p = info.policies.find((x) => x.name === rule.name)!;
      assert.deepEqual(
        {
          description: p.description,
          enforcementLevel: p.enforcementLevel,
          severity: p.severity,
          tags: p.tags,
          url: p.url,
          remediationSteps: p.remediationSteps,
          configSchema: p.configSchema,
        },
        {
          description: rule.description,
          enforcementLevel: rule.enforcementLevel,
          severity: rule.severity,
          tags: rule.tags,
          url: rule.url,
          remediationSteps: rule.remediationSteps,
          configSchema: rule.configSchema ? { properties: JSON.parse(JSON.stringify(rule.configSchema.properties)), required: [] } : undefined,
        },
      );
      assert.equal(p.policyType, "resource");
    });
  }

  it("advises on efficiency, the EED reporting duty (an operator may make it mandatory) and unverified BMC certificates, and enforces everything else", () => {
    assert.deepEqual(
      info.policies.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name),
      ["energy-efficiency", "eed-reporting", "bmc-tls-verified"],
    );
  });

  it("cites its source for every policy", () => {
    for (const p of info.policies) assert.match(p.url, /^https:\/\//, p.name);
  });
});
