/**
 * The platform's policy defaults have one home (`inventory/schema/fleet.ts`): the schema, the
 * loader, the rules and the pack's configuration all read them from there.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadFleet } from "../../inventory/load";
import { DEFAULT_POLICY, POLICY_MODES, PolicySettings } from "../../inventory/schema/fleet";
import { DEFAULT_SETTINGS, RULES } from "../../policies/rules";
import { cleanFleets, fleetWith, REPO_ROOT } from "../helpers/fleet-fixture";

describe("policy defaults", () => {
  after(cleanFleets);

  it("are strict EU mode, 100% evidenced renewable energy and a design PUE of at most 1.3", () => {
    assert.deepEqual(DEFAULT_POLICY, { mode: "eu", renewableThreshold: 1, maxDesignPue: 1.3 });
    assert.deepEqual(POLICY_MODES, ["eu", "eea"]);
  });

  it("are the defaults of fleet.yaml's policy section, in the TypeBox schema and the published JSON Schema", () => {
    const published = JSON.parse(readFileSync(join(REPO_ROOT, "inventory", "schema", "fleet.schema.json"), "utf8")) as {
      properties: { policy: { properties: Record<string, { default: unknown }> } };
    };
    for (const [key, value] of Object.entries(DEFAULT_POLICY)) {
      assert.equal(PolicySettings.properties[key as keyof typeof DEFAULT_POLICY].default, value, key);
      assert.equal(published.properties.policy.properties[key]!.default, value, key);
    }
  });

  it("are what the loader gives a fleet without a policy section", () => {
    const dir = fleetWith("fleet.yaml", "policy:\n  mode: eu\n  renewableThreshold: 1\n  maxDesignPue: 1.3\n", "");
    const { fleet, problems } = loadFleet(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(fleet!.policy, DEFAULT_POLICY);
  });

  it("are the rules' default settings", () => {
    assert.deepEqual(
      { mode: DEFAULT_SETTINGS.mode, renewableThreshold: DEFAULT_SETTINGS.renewableThreshold, maxDesignPue: DEFAULT_SETTINGS.maxDesignPue },
      DEFAULT_POLICY,
    );
    assert.equal(DEFAULT_SETTINGS.reportingThresholdKW, 500);
    assert.equal(DEFAULT_SETTINGS.heatReuseThresholdKW, 1000);
  });

  it("are the defaults of the pack's configuration, property by property", () => {
    const configured: Record<string, keyof typeof DEFAULT_SETTINGS> = {
      mode: "mode",
      threshold: "renewableThreshold",
      maxDesignPue: "maxDesignPue",
      reportingThresholdKW: "reportingThresholdKW",
      heatReuseThresholdKW: "heatReuseThresholdKW",
    };
    const seen: string[] = [];
    for (const rule of RULES) {
      for (const [name, property] of Object.entries(rule.configSchema?.properties ?? {})) {
        const setting = configured[name];
        if (setting === undefined) continue; // not a policy setting (e.g. the tenant label)
        assert.equal(property.default, DEFAULT_SETTINGS[setting], `${rule.name}.${name}`);
        if (name === "mode") assert.deepEqual(property.enum, POLICY_MODES);
        seen.push(`${rule.name}.${name}`);
      }
    }
    // One mode setting: eu-jurisdiction's (data-residency follows it).
    assert.deepEqual(seen.sort(), [
      "eed-reporting.reportingThresholdKW",
      "energy-efficiency.heatReuseThresholdKW",
      "energy-efficiency.maxDesignPue",
      "eu-jurisdiction.mode",
      "renewable-power.threshold",
    ]);
  });
});
