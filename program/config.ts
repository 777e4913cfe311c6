/**
 * The stack's configuration: which fleet, site, layer and shard this stack is, and what the
 * provisioning layers need from outside the inventory. Read once by `index.ts`, checked here
 * before anything is loaded or built, and handed to the composition as plain typed values.
 *
 * `Pulumi.yaml` declares every key with a default (a test holds its `config:` block to
 * {@link CONFIG_DEFAULTS}); a stack file holds only what differs.
 */
import { resolve } from "node:path";
import { DEFAULT_FLEET } from "../inventory/fleets/default";
import { DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD, SITE_SHARD } from "../model/shards";

/** The layers a site is built in, bottom up; `all` builds every layer of a small site (a lab) in one stack. */
export const LAYERS = ["physical", "baremetal", "kubernetes", "all"] as const;
export type Layer = (typeof LAYERS)[number];

/** The configuration namespace: the project's name in `Pulumi.yaml`. */
export const CONFIG_NAMESPACE = "gigafactory";

/** The defaults of the keys `Pulumi.yaml` declares, by key (without the namespace). */
export const CONFIG_DEFAULTS = {
  /** The sample fleet, relative to the project directory. */
  fleet: DEFAULT_FLEET,
  layer: "physical",
  shard: SITE_SHARD,
  racksPerShard: DEFAULT_RACKS_PER_SHARD,
  switchesPerShard: DEFAULT_SWITCHES_PER_SHARD,
  allowDecommission: false,
  /** The nodes' OS bootstrap over SSH: `off`, `render` (files under `osBootstrapRoot`, commands recorded) or `apply`. */
  osBootstrap: "off",
  /** Where render mode installs each node's files on the node. */
  osBootstrapRoot: "/",
  /** The SSH user the bootstrap logs in as. */
  sshUser: "root",
} as const satisfies Record<string, string | number | boolean>;

/** A stack's configuration, validated. */
export interface StackConfig {
  /** Fleet directory, absolute. */
  readonly fleet: string;
  /** Site id. */
  readonly site: string;
  /** Layer this stack builds. */
  readonly layer: Layer;
  /** `site`, a fabric block such as `fabric-b0`, or a hall block such as `h1-b0`. */
  readonly shard: string;
  /** Rack numbers per hall block. */
  readonly racksPerShard: number;
  /** Compute-fabric switches per fabric block. */
  readonly switchesPerShard: number;
  /** Whether the engine may delete (and so power off) this stack's bare-metal nodes; off, they are `protect`ed. */
  readonly allowDecommission: boolean;
  /** The nodes' OS bootstrap (bare-metal layer and `all`). */
  readonly osBootstrap: OsBootstrapMode;
  /** Render mode's root directory on each node, absolute. */
  readonly osBootstrapRoot: string;
  /** The SSH user of the bootstrap. */
  readonly sshUser: string;
}

/** The OS bootstrap modes a stack may ask for. */
export const OS_BOOTSTRAP_MODES = ["off", "render", "apply"] as const;
export type OsBootstrapMode = (typeof OS_BOOTSTRAP_MODES)[number];

/** The raw values as `pulumi.Config` returns them (undefined when unset). */
export interface RawStackConfig {
  readonly fleet?: string;
  readonly site?: string;
  readonly layer?: string;
  readonly shard?: string;
  readonly racksPerShard?: number;
  readonly switchesPerShard?: number;
  readonly allowDecommission?: boolean;
  readonly osBootstrap?: string;
  readonly osBootstrapRoot?: string;
  readonly sshUser?: string;
}

/** A configuration the program refuses; `index.ts` reports its message alone, without a stack trace. */
export class StackConfigError extends Error {
  override readonly name = "StackConfigError";
}

/** Checks the raw configuration; throws one error naming every bad key (`gigafactory:layer`). */
export function parseStackConfig(raw: RawStackConfig, projectDir: string): StackConfig {
  const problems: string[] = [];
  if (!raw.site) problems.push("gigafactory:site is required (a site id of the fleet)");
  const layer = raw.layer ?? CONFIG_DEFAULTS.layer;
  if (!(LAYERS as readonly string[]).includes(layer)) problems.push(`gigafactory:layer must be one of ${LAYERS.join(", ")} (got "${layer}")`);
  const shard = raw.shard ?? CONFIG_DEFAULTS.shard;
  if (shard !== SITE_SHARD && !/^[a-z0-9-]+-b\d+$/.test(shard))
    problems.push(`gigafactory:shard must be "site", fabric-b<block> or <hall>-b<block> (got "${shard}")`);
  const racksPerShard = raw.racksPerShard ?? CONFIG_DEFAULTS.racksPerShard;
  if (!Number.isInteger(racksPerShard) || racksPerShard < 1)
    problems.push(`gigafactory:racksPerShard must be a whole number of at least 1 (got ${racksPerShard})`);
  const switchesPerShard = raw.switchesPerShard ?? CONFIG_DEFAULTS.switchesPerShard;
  if (!Number.isInteger(switchesPerShard) || switchesPerShard < 1)
    problems.push(`gigafactory:switchesPerShard must be a whole number of at least 1 (got ${switchesPerShard})`);
  const osBootstrap = raw.osBootstrap ?? CONFIG_DEFAULTS.osBootstrap;
  if (!(OS_BOOTSTRAP_MODES as readonly string[]).includes(osBootstrap))
    problems.push(`gigafactory:osBootstrap must be one of ${OS_BOOTSTRAP_MODES.join(", ")} (got "${osBootstrap}")`);
  const osBootstrapRoot = raw.osBootstrapRoot ?? CONFIG_DEFAULTS.osBootstrapRoot;
  if (!osBootstrapRoot.startsWith("/")) problems.push(`gigafactory:osBootstrapRoot must be an absolute path on the nodes (got "${osBootstrapRoot}")`);
  else if (osBootstrap === "apply" && osBootstrapRoot !== "/")
    problems.push(`gigafactory:osBootstrapRoot must be "/" when gigafactory:osBootstrap is apply (got "${osBootstrapRoot}")`);
  if (problems.length > 0) throw new StackConfigError(`invalid stack configuration:\n  ${problems.join("\n  ")}`);
  return {
    fleet: resolve(projectDir, raw.fleet ?? CONFIG_DEFAULTS.fleet),
    site: raw.site!,
    layer: layer as Layer,
    shard,
    racksPerShard,
    switchesPerShard,
    allowDecommission: raw.allowDecommission ?? CONFIG_DEFAULTS.allowDecommission,
    osBootstrap: osBootstrap as OsBootstrapMode,
    osBootstrapRoot,
    sshUser: raw.sshUser ?? CONFIG_DEFAULTS.sshUser,
  };
}

/** What the program may know of a key before reading its value: unset, set in plaintext, or set as a secret. */
export type KeyState = "unset" | "plaintext" | "secret";

/** The keys that hold BMC credentials; secrets, for the bare-metal layer (and `all`). */
export const BMC_KEYS = ["bmcUsername", "bmcPassword"] as const;
/** The key holding the kubeconfig of the Kubernetes layer's cluster (a secret). */
export const KUBECONFIG_KEY = "kubeconfig";
/** The key naming a directory to render the Kubernetes layer's manifests into, instead of a cluster. */
export const RENDER_DIR_KEY = "renderDir";
/** The key holding the SSH private key of the OS bootstrap (a secret), for the bare-metal layer (and `all`) when `osBootstrap` is not off. */
export const SSH_PRIVATE_KEY_KEY = "sshPrivateKey";
/** The key holding the Kubernetes layer's bootstrap token for joining nodes (a secret, optional). */
export const BOOTSTRAP_TOKEN_KEY = "bootstrapToken";

const full = (key: string) => `${CONFIG_NAMESPACE}:${key}`;

/**
 * Checks, before anything is loaded or built, that the keys the stack's layer needs are set, and
 * set as secrets where they hold credentials. Throws one line naming every missing key and the
 * command that sets it. `state` answers for a key without the namespace.
 */
export function checkRequiredConfig(stack: string, layer: Layer, state: (key: string) => KeyState, osBootstrap: OsBootstrapMode = "off"): void {
  const missing: string[] = [];
  const plaintext: string[] = [];
  const needSecret = (key: string) => {
    const s = state(key);
    if (s === "unset") missing.push(full(key));
    else if (s === "plaintext") plaintext.push(full(key));
  };
  if (layer === "baremetal" || layer === "all") BMC_KEYS.forEach(needSecret);
  if ((layer === "baremetal" || layer === "all") && osBootstrap !== "off") needSecret(SSH_PRIVATE_KEY_KEY);
  if ((layer === "kubernetes" || layer === "all") && state(BOOTSTRAP_TOKEN_KEY) === "plaintext") plaintext.push(full(BOOTSTRAP_TOKEN_KEY));
  if (layer === "kubernetes" || layer === "all") {
    if (state(RENDER_DIR_KEY) === "unset") {
      if (state(KUBECONFIG_KEY) === "unset") missing.push(`${full(KUBECONFIG_KEY)} (or ${full(RENDER_DIR_KEY)}, a directory to render the manifests into)`);
      else needSecret(KUBECONFIG_KEY);
    }
  }
  if (missing.length === 0 && plaintext.length === 0) return;
  const set = `\`npm run pulumi -- config set --secret --stack ${stack} <key>\` (it asks for the value)`;
  const parts = [
    ...(missing.length > 0 ? [`stack ${stack} (layer ${layer}) is missing ${missing.join(", ")}`] : []),
    ...(plaintext.length > 0 ? [`${missing.length > 0 ? "and" : `stack ${stack} (layer ${layer})`} holds ${plaintext.join(", ")} in plaintext`] : []),
  ];
  throw new StackConfigError(`${parts.join(" ")}; set each as a secret with ${set}`);
}
