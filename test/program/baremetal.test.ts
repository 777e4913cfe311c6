/**
 * The bare-metal layer's hosts as the program builds them from the ledger: each node's credential
 * reference resolved to its own secret pair, its TLS trust (a CA bundle read from the fleet, or
 * insecure), a CA bundle that cannot be used stopping the program with the reference named, and
 * the boot source of the node's role and the wipe image from the site's `provisioning`.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { parseStackConfig } from "../../program/config";
import { buildStack, type StackSecrets } from "../../program/stack";
import { cleanFleets, edit, fleetWith } from "../helpers/fleet-fixture";
import { eventually, recordResources, urns } from "../helpers/mocks";
import { ALL_TYPES } from "../helpers/type-tokens";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";
const ACCESS = `bmcAccess:
  credentials: tst-default
  tls: { caBundle: ca/tst-bmc.pem }
  rules:
    - nodes: [tst-1-h1-r001-n02]
      credentials: tst-special
      tls: { insecure: true }
`;

const SECRETS: StackSecrets = {
  bmc: (needed) => new Map([...needed.keys()].map((ref) => [ref, { username: `${ref}-user`, password: `${ref}-s3cret` }] as const)),
  kubernetes: () => ({ renderDir: "/tmp/gigafactory-render-test" }),
};

function fleet(withBundle: boolean): string {
  const dir = fleetWith("sites/tst-1.yaml", "halls:\n", `${ACCESS}halls:\n`);
  if (withBundle) {
    mkdirSync(join(dir, "ca"));
    writeFileSync(join(dir, "ca", "tst-bmc.pem"), PEM);
  }
  return dir;
}

describe("bare-metal layer: credentials and TLS per node", () => {
  afterEach(cleanFleets);

  it("gives each host its own reference's secret credentials and its TLS trust", async () => {
    const recorded = recordResources(ALL_TYPES);
    const stack = buildStack(parseStackConfig({ fleet: fleet(true), site: "tst-1", layer: "baremetal", shard: "h1-b0" }, process.cwd()), SECRETS);
    await urns(stack.resources);
    await eventually(() => recorded.filter((r) => r.custom).length > 2);
    const hosts = new Map(recorded.filter((r) => r.custom).map((r) => [r.name, r.inputs]));
    const first = hosts.get("tst-1-h1-r001-n01-host")!;
    const second = hosts.get("tst-1-h1-r001-n02-host")!;
    assert.deepEqual(first.credentials, { [specialSigKey]: specialSecretSig, value: { username: "tst-default-user", password: "tst-default-s3cret" } });
    assert.deepEqual(first.tls, { caBundle: PEM });
    assert.deepEqual(second.credentials, { [specialSigKey]: specialSecretSig, value: { username: "tst-special-user", password: "tst-special-s3cret" } });
    assert.deepEqual(second.tls, { insecure: true });
  });

  it("stops with the CA bundle's reference when the file is not there, before any node registers", async () => {
    const recorded = recordResources(ALL_TYPES);
    assert.throws(() => buildStack(parseStackConfig({ fleet: fleet(false), site: "tst-1", layer: "baremetal", shard: "h1-b0" }, process.cwd()), SECRETS), {
      name: "StackConfigError",
      message: /^the CA bundle \[ca\/tst-bmc\.pem\] of node \[tst-1-h1-r001-n01\] \(bmcAccess, relative to the fleet directory\) cannot be used: ENOENT/,
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      recorded.filter((r) => r.type !== "gigafactory:site:Site").map((r) => r.name),
      [],
    );
  });
});

describe("bare-metal layer: boot source per role and disk wipe", () => {
  afterEach(cleanFleets);
  const PROVISIONING = `provisioning:
  boot:
    gpu-worker: { kind: virtual-media, imageUrl: "https://images.tst.example/gpu-worker.iso" }
    storage: { kind: uefi-http, url: "http://10.1.0.250/boot/storage.efi" }
  wipeImageUrl: "https://images.tst.example/wipe.iso"
  wipeOnDeprovision: true
halls:
`;

  /** The inputs of every host the bare-metal stack of `dir` registers, by name. */
  async function hostInputs(dir: string): Promise<Map<string, Record<string, unknown>>> {
    const recorded = recordResources(ALL_TYPES);
    const stack = buildStack(parseStackConfig({ fleet: dir, site: "tst-1", layer: "baremetal", shard: "h1-b0" }, process.cwd()), SECRETS);
    await urns(stack.resources);
    await eventually(() => recorded.filter((r) => r.custom).length >= 4);
    return new Map(recorded.filter((r) => r.custom).map((r) => [r.name, r.inputs]));
  }

  it("gives every host its role's boot source and, behind wipeOnDeprovision, the wipe image", async () => {
    const hosts = await hostInputs(fleetWith("sites/tst-1.yaml", "halls:\n", PROVISIONING));
    assert.equal(hosts.size, 4);
    for (const inputs of hosts.values()) {
      assert.deepEqual(inputs.boot, { kind: "virtual-media", imageUrl: "https://images.tst.example/gpu-worker.iso" });
      assert.equal(inputs.wipeImageUrl, "https://images.tst.example/wipe.iso");
    }
  });

  it("follows the blueprint's role: a storage node boots over UEFI HTTP", async () => {
    const dir = edit(fleetWith("sites/tst-1.yaml", "halls:\n", PROVISIONING), "sites/tst-1.yaml", "    rails: 8", "    role: storage\n    rails: 8");
    const inputs = (await hostInputs(dir)).get("tst-1-h1-r001-n01-host")!;
    assert.deepEqual(inputs.boot, { kind: "uefi-http", url: "http://10.1.0.250/boot/storage.efi" });
  });

  it("boots from PXE and wipes nothing when the site has no provisioning section or no wipeOnDeprovision", async () => {
    const plain = (await hostInputs(fleetWith("sites/tst-1.yaml", "halls:\n", "halls:\n"))).get("tst-1-h1-r001-n01-host")!;
    assert.deepEqual(plain.boot, { kind: "pxe" });
    assert.equal("wipeImageUrl" in plain, false);
    const noWipe = fleetWith("sites/tst-1.yaml", "halls:\n", PROVISIONING.replace("wipeOnDeprovision: true", "wipeOnDeprovision: false"));
    assert.equal("wipeImageUrl" in (await hostInputs(noWipe)).get("tst-1-h1-r001-n01-host")!, false);
  });
});
