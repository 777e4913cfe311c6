/**
 * The stack's configuration: the keys `Pulumi.yaml` declares hold the program's own defaults, a
 * bad value is named, and what a layer needs from outside the inventory (BMC credentials, a
 * kubeconfig or a render directory) is checked before anything is built, in one line.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  checkRequiredConfig,
  CONFIG_DEFAULTS,
  type KeyState,
  type Layer,
  type OsBootstrapMode,
  parseBmcCredentials,
  parseStackConfig,
} from "../../program/config";

const ROOT = join(__dirname, "..", "..");

/** A key-state lookup from a map; every key not named is unset. */
function states(set: Record<string, KeyState>): (key: string) => KeyState {
  return (key) => set[key] ?? "unset";
}

/** The message `checkRequiredConfig` throws, or undefined when it passes. */
function refusal(layer: Layer, set: Record<string, KeyState>, stack = "riga-1-baremetal-h1-b0", osBootstrap: OsBootstrapMode = "off"): string | undefined {
  try {
    checkRequiredConfig(stack, layer, states(set), osBootstrap);
    return undefined;
  } catch (e) {
    assert.equal((e as Error).name, "StackConfigError");
    return (e as Error).message;
  }
}

const SET = "set each as a secret with `npm run pulumi -- config set --secret --stack riga-1-baremetal-h1-b0 <key>` (it asks for the value)";

describe("stack configuration", () => {
  describe("Pulumi.yaml", () => {
    const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as {
      config: Record<string, { type?: string; default?: unknown; description?: string }>;
    };

    it("declares every key with a default, of the default's type, with the program's own default", () => {
      const declared = Object.fromEntries(
        Object.entries(project.config)
          .filter(([, d]) => d.default !== undefined)
          .map(([k, d]) => [k, d.default]),
      );
      assert.deepEqual(declared, { ...CONFIG_DEFAULTS });
      for (const [key, value] of Object.entries(CONFIG_DEFAULTS)) {
        assert.equal(project.config[key]!.type, typeof value === "number" ? "integer" : typeof value, key);
      }
    });

    it("gives every declared key a type and a description, and leaves only the site without a default", () => {
      for (const [key, d] of Object.entries(project.config)) {
        assert.ok(d.type && d.description && d.description.length > 20, `${key} should have a type and a description`);
      }
      assert.deepEqual(
        Object.keys(project.config).filter((k) => project.config[k]!.default === undefined),
        ["site"],
      );
    });
  });

  it("lets only the lab's stack decommission its nodes: every other committed stack keeps them protected", () => {
    const dir = join(ROOT, "stacks");
    const allowing = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .filter(
        (f) => (parse(readFileSync(join(dir, f), "utf8")) as { config?: Record<string, unknown> }).config?.["gigafactory:allowDecommission"] !== undefined,
      );
    assert.deepEqual(allowing, ["Pulumi.lab.yaml"]);
    assert.equal(
      (parse(readFileSync(join(dir, "Pulumi.lab.yaml"), "utf8")) as { config: Record<string, unknown> }).config["gigafactory:allowDecommission"],
      "true",
    );
  });

  describe("parseStackConfig", () => {
    it("applies the declared defaults, resolves the fleet against the project, and protects by default", () => {
      assert.deepEqual(parseStackConfig({ site: "riga-1" }, "/srv/gigafactory"), {
        fleet: "/srv/gigafactory/inventory/fleets/nordic-baltic",
        site: "riga-1",
        layer: "physical",
        shard: "site",
        racksPerShard: 64,
        switchesPerShard: 2048,
        allowDecommission: false,
        bmcParallelism: 64,
        bmcParallelismPerFeed: 4,
        osBootstrap: "off",
        osBootstrapRoot: "/",
        sshUser: "root",
      });
      assert.equal(parseStackConfig({ site: "lab-1", allowDecommission: true }, ".").allowDecommission, true);
    });

    it("rejects a configuration with every bad key named", () => {
      assert.throws(() => parseStackConfig({ layer: "network", shard: "x" }, "."), {
        name: "StackConfigError",
        message:
          'invalid stack configuration:\n  gigafactory:site is required (a site id of the fleet)\n  gigafactory:layer must be one of physical, baremetal, kubernetes, all (got "network")\n  gigafactory:shard must be "site", a fabric block (fabric-b<block>, fabric-<hall>-b<block>, fabric-core-b<block>) or <hall>-b<block> (got "x")',
      });
    });

    it("rejects an unknown OS bootstrap mode, a relative root, and apply mode under another root", () => {
      assert.throws(() => parseStackConfig({ site: "lab-1", osBootstrap: "yes", osBootstrapRoot: "tmp" }, "."), {
        name: "StackConfigError",
        message:
          'invalid stack configuration:\n  gigafactory:osBootstrap must be one of off, render, apply (got "yes")\n  gigafactory:osBootstrapRoot must be an absolute path on the nodes (got "tmp")',
      });
      assert.throws(() => parseStackConfig({ site: "lab-1", osBootstrap: "apply", osBootstrapRoot: "/tmp/x" }, "."), {
        message: 'invalid stack configuration:\n  gigafactory:osBootstrapRoot must be "/" when gigafactory:osBootstrap is apply (got "/tmp/x")',
      });
      assert.equal(parseStackConfig({ site: "lab-1", osBootstrap: "render", osBootstrapRoot: "/tmp/x" }, ".").osBootstrapRoot, "/tmp/x");
    });
  });

  describe("checkRequiredConfig", () => {
    const bmc = { bmcCredentials: "secret" } as const;
    const BMC_SET =
      "; for the BMCs, `npm run pulumi -- config set --secret --path --stack riga-1-baremetal-h1-b0 'gigafactory:bmcCredentials.<reference>.username'` and the same for 'gigafactory:bmcCredentials.<reference>.password'";

    it("passes a bare-metal stack with its BMC credentials as a secret, and asks nothing of the physical layer", () => {
      assert.equal(refusal("baremetal", bmc), undefined);
      assert.equal(refusal("physical", {}), undefined);
    });

    it("names the missing BMC credentials and the commands that set them, in one line", () => {
      assert.equal(refusal("baremetal", {}), `stack riga-1-baremetal-h1-b0 (layer baremetal) is missing gigafactory:bmcCredentials; ${SET}${BMC_SET}`);
      assert.ok(!refusal("baremetal", {})!.includes("\n"));
    });

    it("refuses BMC credentials set in plaintext", () => {
      assert.equal(
        refusal("baremetal", { bmcCredentials: "plaintext" }),
        `stack riga-1-baremetal-h1-b0 (layer baremetal) holds gigafactory:bmcCredentials in plaintext; ${SET}${BMC_SET}`,
      );
    });

    it("asks the Kubernetes layer for a secret kubeconfig or a render directory", () => {
      assert.equal(refusal("kubernetes", { renderDir: "plaintext" }), undefined);
      assert.equal(refusal("kubernetes", { kubeconfig: "secret" }), undefined);
      assert.equal(
        refusal("kubernetes", {}, "riga-1-kubernetes-site"),
        "stack riga-1-kubernetes-site (layer kubernetes) is missing gigafactory:kubeconfig (or gigafactory:renderDir, a directory to render the manifests into); set each as a secret with `npm run pulumi -- config set --secret --stack riga-1-kubernetes-site <key>` (it asks for the value)",
      );
      assert.match(refusal("kubernetes", { kubeconfig: "plaintext" }, "k")!, /^stack k \(layer kubernetes\) holds gigafactory:kubeconfig in plaintext; /);
    });

    it("asks a stack of every layer for both", () => {
      assert.equal(
        refusal("all", {}, "lab"),
        "stack lab (layer all) is missing gigafactory:bmcCredentials, gigafactory:kubeconfig (or gigafactory:renderDir, a directory to render the manifests into); set each as a secret with `npm run pulumi -- config set --secret --stack lab <key>` (it asks for the value); for the BMCs, `npm run pulumi -- config set --secret --path --stack lab 'gigafactory:bmcCredentials.<reference>.username'` and the same for 'gigafactory:bmcCredentials.<reference>.password'",
      );
      assert.equal(refusal("all", { ...bmc, renderDir: "plaintext" }, "lab"), undefined);
    });

    it("asks for the SSH key as a secret only when the stack bootstraps its nodes, and refuses a plaintext bootstrap token", () => {
      assert.equal(refusal("baremetal", bmc, "riga-1-baremetal-h1-b0", "off"), undefined);
      assert.equal(refusal("baremetal", { ...bmc, sshPrivateKey: "secret" }, "riga-1-baremetal-h1-b0", "apply"), undefined);
      assert.equal(
        refusal("baremetal", bmc, "riga-1-baremetal-h1-b0", "render"),
        `stack riga-1-baremetal-h1-b0 (layer baremetal) is missing gigafactory:sshPrivateKey; ${SET}`,
      );
      assert.equal(
        refusal("baremetal", { ...bmc, sshPrivateKey: "plaintext" }, "riga-1-baremetal-h1-b0", "apply"),
        `stack riga-1-baremetal-h1-b0 (layer baremetal) holds gigafactory:sshPrivateKey in plaintext; ${SET}`,
      );
      assert.match(
        refusal("kubernetes", { kubeconfig: "secret", bootstrapToken: "plaintext" }, "k")!,
        /^stack k \(layer kubernetes\) holds gigafactory:bootstrapToken in plaintext; /,
      );
      assert.equal(refusal("kubernetes", { kubeconfig: "secret", bootstrapToken: "secret" }, "k"), undefined);
    });
  });

  describe("parseBmcCredentials", () => {
    const needed = new Map([
      ["riga-h1", "node riga-1-h1-r001-n01 and others"],
      ["default", "node riga-1-h2-r001-n01 and others"],
    ]);

    it("reads every reference the nodes use, by reference", () => {
      const raw = JSON.stringify({ default: { username: "a", password: "p1" }, "riga-h1": { username: "b", password: "p2" }, unused: {} });
      const got = parseBmcCredentials("s", raw, needed);
      assert.deepEqual([...got.keys()].sort(), ["default", "riga-h1"]);
      assert.equal(got.get("riga-h1")!.username, "b");
    });

    it("names each missing reference and field, where the inventory uses it, and the commands; never a value", () => {
      const raw = JSON.stringify({ default: { username: "a", password: "hunter2-secret" }, "riga-h1": { username: "b" } });
      assert.throws(() => parseBmcCredentials("riga-1-baremetal-h1-b0", raw, needed), {
        name: "StackConfigError",
        message:
          "stack riga-1-baremetal-h1-b0 is missing gigafactory:bmcCredentials.riga-h1.password (used by node riga-1-h1-r001-n01 and others): set with `npm run pulumi -- config set --secret --path --stack riga-1-baremetal-h1-b0 'gigafactory:bmcCredentials.riga-h1.username'` and the same for 'gigafactory:bmcCredentials.riga-h1.password'",
      });
      assert.throws(
        () => parseBmcCredentials("s", undefined, needed),
        /gigafactory:bmcCredentials\.default\.username and gigafactory:bmcCredentials\.default\.password \(used by/,
      );
    });
  });
});
