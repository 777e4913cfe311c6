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
import { DEFAULT_BMC_PARALLELISM, DEFAULT_BMC_PARALLELISM_PER_FEED } from "../model/baremetal/parallelism";
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
  /** Power or boot actions the bare-metal provider runs at once, in total and per power feed. */
  bmcParallelism: DEFAULT_BMC_PARALLELISM,
  bmcParallelismPerFeed: DEFAULT_BMC_PARALLELISM_PER_FEED,
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
  /** `site`, a fabric block such as `fabric-b0` (`fabric-h1-b0`, `fabric-core-b0` when wired for halls), or a hall block such as `h1-b0`. */
  readonly shard: string;
  /** Rack numbers per hall block. */
  readonly racksPerShard: number;
  /** Compute-fabric switches per fabric block. */
  readonly switchesPerShard: number;
  /** Whether the engine may delete (and so power off) this stack's bare-metal nodes; off, they are `protect`ed. */
  readonly allowDecommission: boolean;
  /** Power or boot actions in flight at once across the stack's nodes. */
  readonly bmcParallelism: number;
  /** Power or boot actions in flight at once per power feed. */
  readonly bmcParallelismPerFeed: number;
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
  readonly bmcParallelism?: number;
  readonly bmcParallelismPerFeed?: number;
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
    problems.push(
      `gigafactory:shard must be "site", a fabric block (fabric-b<block>, fabric-<hall>-b<block>, fabric-core-b<block>) or <hall>-b<block> (got "${shard}")`,
    );
  const racksPerShard = raw.racksPerShard ?? CONFIG_DEFAULTS.racksPerShard;
  if (!Number.isInteger(racksPerShard) || racksPerShard < 1)
    problems.push(`gigafactory:racksPerShard must be a whole number of at least 1 (got ${racksPerShard})`);
  const switchesPerShard = raw.switchesPerShard ?? CONFIG_DEFAULTS.switchesPerShard;
  if (!Number.isInteger(switchesPerShard) || switchesPerShard < 1)
    problems.push(`gigafactory:switchesPerShard must be a whole number of at least 1 (got ${switchesPerShard})`);
  const bmcParallelism = raw.bmcParallelism ?? CONFIG_DEFAULTS.bmcParallelism;
  const bmcParallelismPerFeed = raw.bmcParallelismPerFeed ?? CONFIG_DEFAULTS.bmcParallelismPerFeed;
  for (const [key, value] of [
    ["bmcParallelism", bmcParallelism],
    ["bmcParallelismPerFeed", bmcParallelismPerFeed],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) problems.push(`gigafactory:${key} must be a whole number of at least 1 (got ${value})`);
  }
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
    bmcParallelism,
    bmcParallelismPerFeed,
    osBootstrap: osBootstrap as OsBootstrapMode,
    osBootstrapRoot,
    sshUser: raw.sshUser ?? CONFIG_DEFAULTS.sshUser,
  };
}

/** What the program may know of a key before reading its value: unset, set in plaintext, or set as a secret. */
export type KeyState = "unset" | "plaintext" | "secret";

/**
 * The key holding the BMC credentials of the bare-metal layer (and `all`): a secret object keyed by
 * the credential references the inventory names (`bmcAccess`), each `{ username, password }`.
 */
export const BMC_CREDENTIALS_KEY = "bmcCredentials";
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
  if (layer === "baremetal" || layer === "all") needSecret(BMC_CREDENTIALS_KEY);
  if ((layer === "baremetal" || layer === "all") && osBootstrap !== "off") needSecret(SSH_PRIVATE_KEY_KEY);
  if ((layer === "kubernetes" || layer === "all") && state(BOOTSTRAP_TOKEN_KEY) === "plaintext") plaintext.push(full(BOOTSTRAP_TOKEN_KEY));
  if (layer === "kubernetes" || layer === "all") {
    if (state(RENDER_DIR_KEY) === "unset") {
      if (state(KUBECONFIG_KEY) === "unset") missing.push(`${full(KUBECONFIG_KEY)} (or ${full(RENDER_DIR_KEY)}, a directory to render the manifests into)`);
      else needSecret(KUBECONFIG_KEY);
    }
  }
  if (missing.length === 0 && plaintext.length === 0) return;
  const set = `\`npm run pulumi -- config set --secret --stack ${stack} <key>\` (it asks for the value)${
    missing.includes(full(BMC_CREDENTIALS_KEY)) || plaintext.includes(full(BMC_CREDENTIALS_KEY))
      ? `; for the BMCs, ${credentialCommand(stack, "<reference>")}`
      : ""
  }`;
  const parts = [
    ...(missing.length > 0 ? [`stack ${stack} (layer ${layer}) is missing ${missing.join(", ")}`] : []),
    ...(plaintext.length > 0 ? [`${missing.length > 0 ? "and" : `stack ${stack} (layer ${layer})`} holds ${plaintext.join(", ")} in plaintext`] : []),
  ];
  throw new StackConfigError(`${parts.join(" ")}; set each as a secret with ${set}`);
}

/** The commands that set the BMC credentials of one reference. */
export function credentialCommand(stack: string, ref: string): string {
  const key = (field: string) => `'${full(BMC_CREDENTIALS_KEY)}.${ref}.${field}'`;
  return `\`npm run pulumi -- config set --secret --path --stack ${stack} ${key("username")}\` and the same for ${key("password")}`;
}

/** BMC credentials as read from the stack's config, by reference. */
export type CredentialValues = ReadonlyMap<string, { readonly username: string; readonly password: string }>;

/**
 * Reads the BMC credentials the stack's nodes need from the raw value of
 * `gigafactory:bmcCredentials` (JSON, as the engine hands it over). Throws one line naming every
 * reference or field that is missing, and where the inventory uses it; never a value.
 */
export function parseBmcCredentials(stack: string, raw: string | undefined, needed: ReadonlyMap<string, string>): CredentialValues {
  let parsed: unknown;
  try {
    parsed = raw === undefined ? {} : JSON.parse(raw);
  } catch {
    throw new StackConfigError(
      `${full(BMC_CREDENTIALS_KEY)} of stack ${stack} should be an object of credential references; set it with ${credentialCommand(stack, "<reference>")}`,
    );
  }
  const all = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const out = new Map<string, { username: string; password: string }>();
  const problems: string[] = [];
  for (const [ref, usedBy] of [...needed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entry = all[ref] as Record<string, unknown> | undefined;
    const missing = ["username", "password"].filter((f) => typeof entry?.[f] !== "string" || entry[f] === "");
    if (missing.length > 0) {
      problems.push(
        `${missing.map((f) => `${full(BMC_CREDENTIALS_KEY)}.${ref}.${f}`).join(" and ")} (used by ${usedBy}): set with ${credentialCommand(stack, ref)}`,
      );
    } else out.set(ref, { username: entry!.username as string, password: entry!.password as string });
  }
  if (problems.length > 0) throw new StackConfigError(`stack ${stack} is missing ${problems.join("; ")}`);
  return out;
}
