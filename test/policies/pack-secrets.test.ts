/**
 * `no-plaintext-secrets` as the engine runs it: credential inputs arrive marked secret or not, in
 * the engine's wire form, and the pack must tell them apart (see policies/secret-inputs.ts).
 */
import assert from "node:assert/strict";
import { secret, type HarnessResource, type PackHarness } from "../harness/pack";
import { sharedPack } from "../harness/shared";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The compliant BMC power-on command: every credential a secret. */
function bmcCommand(change: (props: Record<string, Record<string, unknown>>) => void = () => undefined): HarnessResource {
  const props: Record<string, Record<string, unknown>> = {
    connection: { host: "10.0.0.1", user: "ops", privateKey: secret("-----BEGIN OPENSSH PRIVATE KEY-----") },
    environment: { REDFISH_USER: "admin", REDFISH_PASSWORD: secret("hunter2"), REDFISH_PASSWORD_FILE: "/run/secrets/bmc" },
  };
  change(props);
  return { type: "command:remote:Command", name: "tst-1-h1-r001-n01-power", props: { ...props, create: "redfishtool -r $BMC power on" } };
}

const plaintext = (input: string) => `resource [tst-1-h1-r001-n01-power] should pass ${input} as a secret; it is plaintext in the resource inputs`;

describe("policy pack over gRPC: no plaintext secrets", function () {
  this.timeout(60_000);
  let pack: PackHarness;
  const analyze = async (r: HarnessResource) => (await pack.analyze(r)).map((d) => [d.policy, d.enforcementLevel, d.detail]);

  before(async () => {
    pack = await sharedPack();
  });
  beforeEach(() => pack.configure({}));

  it("accepts credentials passed as secrets", async () => {
    assert.deepEqual(await analyze(bmcCommand()), []);
  });

  it("refuses a plaintext SSH private key", async () => {
    assert.deepEqual(await analyze(bmcCommand((p) => (p.connection!.privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----"))), [
      ["no-plaintext-secrets", "mandatory", plaintext("connection.privateKey")],
    ]);
  });

  it("refuses a plaintext SSH password", async () => {
    assert.deepEqual(await analyze(bmcCommand((p) => (p.connection!.password = "hunter2"))), [
      ["no-plaintext-secrets", "mandatory", plaintext("connection.password")],
    ]);
  });

  it("refuses a plaintext BMC password in the environment", async () => {
    assert.deepEqual(await analyze(bmcCommand((p) => (p.environment!.REDFISH_PASSWORD = "hunter2"))), [
      ["no-plaintext-secrets", "mandatory", plaintext("environment.REDFISH_PASSWORD")],
    ]);
  });

  it("accepts a connection that is a secret as a whole", async () => {
    assert.deepEqual(await analyze(bmcCommand((p) => (p.connection = secret({ host: "10.0.0.1", password: "hunter2" }) as Record<string, unknown>))), []);
  });

  it("leaves a value not known yet for the update to judge", async () => {
    assert.deepEqual(await analyze(bmcCommand((p) => (p.environment!.REDFISH_PASSWORD = UNKNOWN))), []);
  });

  it("checks only the configured resource types", async () => {
    const local: HarnessResource = { ...bmcCommand((p) => (p.connection!.password = "hunter2")), type: "command:local:Command" };
    assert.equal((await analyze(local)).length, 1);
    const other: HarnessResource = { ...local, type: "kubernetes:core/v1:Secret" };
    assert.deepEqual(await analyze(other), []);
    await pack.configure({ "no-plaintext-secrets": { properties: { resourceTypes: ["kubernetes:core/v1:Secret"] } } });
    assert.deepEqual(await analyze(other), [["no-plaintext-secrets", "mandatory", plaintext("connection.password")]]);
  });

  it("does not let the secret marks change what the other policies read", async () => {
    const ns: HarnessResource = {
      type: "kubernetes:core/v1:Namespace",
      name: "acme",
      props: { metadata: { name: "acme", labels: secret({ "gigafactory.eu/tenant": "acme", "pod-security.kubernetes.io/enforce": "baseline" }) } },
    };
    assert.deepEqual(
      (await pack.analyze(ns)).map((d) => d.detail),
      ['namespace [acme] should enforce the restricted Pod Security Standard; label pod-security.kubernetes.io/enforce is "baseline"'],
    );
  });
});
