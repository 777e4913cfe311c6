/**
 * The program's entry (`index.ts`) under recording mocks, as the engine runs it: the stack's
 * configuration is checked before anything is loaded or built (a missing BMC secret fails at once
 * with the project's one-line message), and each output of the stack is a top-level output.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ALL_TYPES } from "./helpers/type-tokens";
import { recordResources, urns } from "./helpers/mocks";

const ENTRY = require.resolve(join(__dirname, "..", "index.ts"));

/** Loads `index.ts` afresh, as the language host does. */
function loadProgram(): Record<string, unknown> {
  delete require.cache[ENTRY];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the language host loads the program with require
  return require(ENTRY) as Record<string, unknown>;
}

/** Sets up mocks for `stack` with `config` (namespaced keys), the keys in `secrets` passed as secrets. */
function runProgram(stack: string, config: Record<string, string>, secrets: readonly string[] = []) {
  const recorded = recordResources(ALL_TYPES, "gigafactory", stack);
  pulumi.runtime.setAllConfig(config, [...secrets]);
  return { recorded, load: loadProgram };
}

const LAB_BAREMETAL = {
  "gigafactory:fleet": "inventory/fleets/lab",
  "gigafactory:site": "lab-1",
  "gigafactory:layer": "baremetal",
  "gigafactory:shard": "h1-b0",
};

describe("the program (index.ts)", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}, []));

  it("refuses a bare-metal stack without its BMC secrets before building anything", async () => {
    const { recorded, load } = runProgram("riga-1-baremetal-h1-b0", {
      "gigafactory:site": "riga-1",
      "gigafactory:layer": "baremetal",
      "gigafactory:shard": "h1-b0",
    });
    assert.throws(load, (e: Error) => {
      assert.ok(pulumi.RunError.isInstance(e), "a RunError: the engine prints its message alone, without a stack trace");
      assert.equal(
        e.message,
        "stack riga-1-baremetal-h1-b0 (layer baremetal) is missing gigafactory:bmcCredentials; set each as a secret with `npm run pulumi -- config set --secret --stack riga-1-baremetal-h1-b0 <key>` (it asks for the value); for the BMCs, `npm run pulumi -- config set --secret --path --stack riga-1-baremetal-h1-b0 'gigafactory:bmcCredentials.<reference>.username'` and the same for 'gigafactory:bmcCredentials.<reference>.password'",
      );
      return true;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(recorded.length, 0, "nothing registered");
  });

  it("refuses BMC credentials set in plaintext", () => {
    const { load } = runProgram("lab-baremetal", {
      ...LAB_BAREMETAL,
      "gigafactory:bmcCredentials": JSON.stringify({ default: { username: "admin", password: "hunter2" } }),
    });
    assert.throws(load, (e: Error) => {
      assert.match(e.message, /^stack lab-baremetal \(layer baremetal\) holds gigafactory:bmcCredentials in plaintext; set each as a secret with /);
      assert.ok(!e.message.includes("hunter2"), "the message never holds the value");
      return true;
    });
  });

  it("exports each output of the stack at the top level, not one nested object", async () => {
    const { load } = runProgram(
      "lab-baremetal",
      { ...LAB_BAREMETAL, "gigafactory:bmcCredentials": JSON.stringify({ default: { username: "admin", password: "s3cret" } }) },
      ["gigafactory:bmcCredentials"],
    );
    const outputs = load();
    assert.deepEqual(Object.keys(outputs).sort(), ["advisories", "nodes", "shard", "site"]);
    assert.equal(outputs.site, "lab-1");
    assert.equal(outputs.nodes, 3);
    await urns([]);
  });

  it("names a credential reference the inventory uses but the stack does not hold, and never a value", () => {
    const { load } = runProgram(
      "lab-baremetal",
      { ...LAB_BAREMETAL, "gigafactory:bmcCredentials": JSON.stringify({ other: { username: "admin", password: "hunter2" } }) },
      ["gigafactory:bmcCredentials"],
    );
    assert.throws(load, (e: Error) => {
      assert.equal(
        e.message,
        "stack lab-baremetal is missing gigafactory:bmcCredentials.default.username and gigafactory:bmcCredentials.default.password (used by node lab-1-h1-r001-n01 and others): set with `npm run pulumi -- config set --secret --path --stack lab-baremetal 'gigafactory:bmcCredentials.default.username'` and the same for 'gigafactory:bmcCredentials.default.password'",
      );
      assert.ok(!e.message.includes("hunter2"));
      return true;
    });
  });

  it("keeps a relative render directory relative, so that the state holds no path of this checkout", async () => {
    const { recorded, load } = runProgram("lab-kubernetes", {
      "gigafactory:fleet": "inventory/fleets/lab",
      "gigafactory:site": "lab-1",
      "gigafactory:layer": "kubernetes",
      "gigafactory:renderDir": ".lab/rendered",
    });
    const outputs = load();
    assert.deepEqual(outputs.tenants, ["lab-research", "lab-startup"]);
    const until = Date.now() + 5_000;
    while (!recorded.some((r) => r.type === "pulumi:providers:kubernetes") && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.equal(recorded.find((r) => r.type === "pulumi:providers:kubernetes")?.inputs.renderYamlToDirectory, ".lab/rendered");
  });
});
