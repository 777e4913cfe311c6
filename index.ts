/**
 * The Pulumi program. A stack is one site, one layer and one shard (see `stacks/`); this file only
 * reads the stack's configuration (declared with its defaults in `Pulumi.yaml`), checks that what
 * the stack's layer needs is set before anything is loaded or built, and hands it to the
 * composition in `program/`. Each key of the composition's outputs is a top-level stack output.
 */
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import {
  BMC_CREDENTIALS_KEY,
  BOOTSTRAP_TOKEN_KEY,
  checkRequiredConfig,
  CONFIG_NAMESPACE,
  KUBECONFIG_KEY,
  parseBmcCredentials,
  parseStackConfig,
  RENDER_DIR_KEY,
  SSH_PRIVATE_KEY_KEY,
  StackConfigError,
  type KeyState,
} from "./program/config";
import { buildStack } from "./program/stack";
import { PreflightError } from "./policies/preflight";

const config = new pulumi.Config(CONFIG_NAMESPACE);

/** Whether the engine passed `key` as a secret (the SDK's own record, from `PULUMI_CONFIG_SECRET_KEYS`). */
const isSecret = (runtimeConfig as unknown as { isConfigSecret: (key: string) => boolean }).isConfigSecret;

/** Whether a key is set, and how, without reading its value into anything that could print it. */
function keyState(key: string): KeyState {
  const name = `${CONFIG_NAMESPACE}:${key}`;
  if (!pulumi.runtime.getConfig(name)) return "unset";
  return isSecret(name) ? "secret" : "plaintext";
}

/** Checks the configuration, then builds the stack; a refusal is reported as its message alone, without a stack trace. */
function build(): Record<string, unknown> {
  try {
    const stack = parseStackConfig(
      {
        fleet: config.get("fleet"),
        site: config.get("site"),
        layer: config.get("layer"),
        shard: config.get("shard"),
        racksPerShard: config.getNumber("racksPerShard"),
        switchesPerShard: config.getNumber("switchesPerShard"),
        allowDecommission: config.getBoolean("allowDecommission"),
        bmcParallelism: config.getNumber("bmcParallelism"),
        bmcParallelismPerFeed: config.getNumber("bmcParallelismPerFeed"),
        osBootstrap: config.get("osBootstrap"),
        osBootstrapRoot: config.get("osBootstrapRoot"),
        sshUser: config.get("sshUser"),
      },
      __dirname,
    );
    checkRequiredConfig(pulumi.getStack(), stack.layer, keyState, stack.osBootstrap);
    return buildStack(stack, {
      // The raw JSON, parsed once; the values leave here only as Pulumi secrets (program/baremetal.ts).
      bmc: (needed) => parseBmcCredentials(pulumi.getStack(), pulumi.runtime.getConfig(`${CONFIG_NAMESPACE}:${BMC_CREDENTIALS_KEY}`), needed),
      // A relative directory stays relative: the provider runs in the project directory, and the
      // state holds no path of this checkout.
      kubernetes: () => {
        const renderDir = config.get(RENDER_DIR_KEY);
        const chartRepository = config.get("chartRepository");
        const charts = chartRepository !== undefined ? { chartRepository } : {};
        const token = config.getSecret(BOOTSTRAP_TOKEN_KEY);
        return renderDir
          ? { renderDir, ...charts }
          : { kubeconfig: config.requireSecret(KUBECONFIG_KEY), ...charts, ...(token ? { bootstrapToken: token } : {}) };
      },
      osBootstrap: () => ({
        mode: stack.osBootstrap === "apply" ? "apply" : "render",
        root: stack.osBootstrapRoot,
        ssh: { user: stack.sshUser, privateKey: config.requireSecret(SSH_PRIVATE_KEY_KEY) },
      }),
    }).outputs;
  } catch (e) {
    if (e instanceof PreflightError || e instanceof StackConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
}

export = build();
