/** The secret-awareness wrapper, without the engine: how it fails when it finds nothing. */
import assert from "node:assert/strict";
import { checkPlaintextSecrets, inlinePasswords, plaintextCredentials } from "../../policies/rules/no-plaintext-secrets";
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
    assert.deepEqual(
      plaintextCredentials({ environment: { BMC_PASSWORD_FILE: "/run/secrets/bmc", secretName: "bmc", privateKeyPath: "/k", password: "" } }),
      [],
    );
  });

  it("knows the short names tools give passwords", () => {
    assert.deepEqual(
      plaintextCredentials({ environment: { SSHPASS: "x", BMC_PASS: "x", IPMI_PW: "x", MYSQL_PWD: "x", PASSENGER: "not a credential", BYPASS_CACHE: "1" } }),
      [
        ["environment", "SSHPASS"],
        ["environment", "BMC_PASS"],
        ["environment", "IPMI_PW"],
        ["environment", "MYSQL_PWD"],
      ],
    );
  });

  it("finds a password written inline into a command, but not a reference to the environment", () => {
    assert.deepEqual(
      checkPlaintextSecrets("n1-power", { create: "ipmitool -I lanplus -H 10.0.0.1 -U admin -P hunter2 chassis power on" }).map((f) => f.message),
      ["resource [n1-power] should pass its password through a secret environment variable; create writes it inline (ipmitool -P)"],
    );
    assert.equal(inlinePasswords({ delete: "sshpass -p hunter2 ssh root@n1 poweroff" })[0]?.option, "sshpass -p");
    assert.equal(inlinePasswords({ update: "tool --password=hunter2" })[0]?.option, "--password");
    assert.equal(inlinePasswords({ create: "curl -u admin:hunter2 https://bmc/redfish/v1" })[0]?.option, "curl -u user:password");
    assert.deepEqual(
      inlinePasswords({
        create:
          'ipmitool -I lanplus -H h -U admin -E chassis power on; sshpass -p "$SSHPASS" ssh n1; tool --password "$PW"; curl -u "admin:$BMC_PASSWORD" https://bmc',
        delete: "node bin/gigafactory.js bmc power off --bmc redfish://127.0.10.1/redfish/v1/Systems/1",
      }),
      [],
    );
  });
});
