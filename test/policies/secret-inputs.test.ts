/** The secret-awareness wrapper, without the engine: how it fails when it finds nothing. */
import assert from "node:assert/strict";
import { plaintextCredentials } from "../../policies/rules/no-plaintext-secrets";
import { wireInputs } from "../../policies/secret-inputs";
import { secret } from "../harness/pack";

describe("secret inputs", () => {
  it("fall back to the plain inputs, in which nothing is a secret (fails closed)", () => {
    const props = { connection: { password: "hunter2" } };
    assert.deepEqual(wireInputs(props), props);
    assert.deepEqual(plaintextCredentials(wireInputs(props)), [["connection", "password"]]);
  });

  it("recognise the engine's secret marks at any depth", () => {
    assert.deepEqual(plaintextCredentials({ a: [{ token: secret("t") }, { token: "t" }], apiKey: secret({ nested: "x" }) }), [["a", 1, "token"]]);
  });

  it("treat names that refer to a credential as references, not credentials", () => {
    assert.deepEqual(plaintextCredentials({ environment: { BMC_PASSWORD_FILE: "/run/secrets/bmc", secretName: "bmc", privateKeyPath: "/k", password: "" } }), []);
  });
});
