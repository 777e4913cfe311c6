/**
 * One stack of the fleet: load and check the inventory, stop before anything is provisioned when
 * the site fails a mandatory policy, then compose the layer this stack builds.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BareMetalNode } from "../components/baremetal/bare-metal-node";
import type { ExpandedSite, Fleet, Site } from "../inventory/fleet";
import { loadFleet } from "../inventory/load";
import { formatProblem } from "../inventory/problem";
import { layerShards, rackShard, SITE_SHARD } from "../model/shards";
import { siteFacts } from "../policies/facts";
import { assertPreflight, preflight } from "../policies/preflight";
import { buildBareMetal, credentialRefs } from "./baremetal";
import type { CredentialValues, StackConfig } from "./config";
import { readJoinInputs } from "./join";
import { buildKubernetes, type KubernetesTarget } from "./kubernetes";
import { buildOsBootstrap, type OsBootstrapSettings } from "./os-bootstrap";
import { buildPhysical } from "./physical";
import { siteComponent } from "./site";

/** A loaded site: the fleet it belongs to and its expansion. */
export interface LoadedSite {
  readonly fleet: Fleet;
  readonly expanded: ExpandedSite;
}

/** What the provisioning layers need from outside the inventory, asked for only by the layers that use them. */
export interface StackSecrets {
  /** The BMC credentials of the references the stack's nodes use (`needed`: reference → where it is used), for the bare-metal layer. */
  readonly bmc: (needed: ReadonlyMap<string, string>) => CredentialValues;
  /** Where Kubernetes objects go, for the Kubernetes layer. */
  readonly kubernetes: () => KubernetesTarget;
  /** How the bare-metal layer bootstraps its nodes over SSH (the key a secret); asked only when `osBootstrap` is not off. */
  readonly osBootstrap?: () => OsBootstrapSettings;
}

/** The host of each built node by its hostname, for the bootstrap to wait on. */
function hostsByName(nodes: readonly BareMetalNode[]): Map<string, pulumi.Resource> {
  return new Map(nodes.map((n) => [n.hostname, n.host]));
}

/** The bootstrap settings when the stack asks for a bootstrap (and its secrets provide them). */
function bootstrapSettings(config: StackConfig, secrets: StackSecrets): OsBootstrapSettings | undefined {
  if (config.osBootstrap === "off") return undefined;
  if (!secrets.osBootstrap) throw new Error(`stack layer ${config.layer} asks for osBootstrap ${config.osBootstrap} but the program was given no SSH access`);
  return secrets.osBootstrap();
}

/** What a stack built: its outputs and every resource it created at the top (for tests). */
export interface BuiltStack {
  /** The stack's outputs, each key a top-level stack output (`index.ts` exports this object). */
  readonly outputs: Record<string, unknown>;
  readonly resources: readonly pulumi.Resource[];
}

/** Loads the fleet and finds the stack's site; throws with every inventory problem listed. */
export function loadSite(config: Pick<StackConfig, "fleet" | "site">): LoadedSite {
  const result = loadFleet(config.fleet, { expand: (id) => id === config.site });
  if (!result.fleet) {
    throw new Error(`inventory ${config.fleet} is invalid (${result.problems.length} problems):\n${result.problems.map(formatProblem).join("\n")}`);
  }
  const expanded = result.expanded.find((s) => s.site.id === config.site);
  if (!expanded) {
    throw new Error(`site [${config.site}] is not in fleet ${result.fleet.name}; its sites are ${result.expanded.map((s) => s.site.id).join(", ")}`);
  }
  return { fleet: result.fleet, expanded };
}

/** Sites with more racks than this cannot be built as one `all` stack. */
export const MAX_RACKS_FOR_ALL = 8;

/**
 * Composes the stack. Layers that provision (bare metal, Kubernetes, `all`) pass the preflight
 * gate first: a site that fails a mandatory policy throws here, before a single resource is
 * registered. The physical layer provisions nothing (it is the model of the site), so it always
 * builds: a reviewer's preview shows the policy pack's verdict on the site's facts, and the
 * stack's `preflight` output lists the same violations. Bare-metal nodes are `protect`ed unless
 * the stack allows decommissioning (`gigafactory:allowDecommission`, the lab's stack only).
 */
export function buildStack(config: StackConfig, secrets: StackSecrets, loaded: LoadedSite = loadSite(config)): BuiltStack {
  const { fleet, expanded } = loaded;
  const facts = siteFacts(fleet, expanded);
  const shards = { racksPerShard: config.racksPerShard, switchesPerShard: config.switchesPerShard };
  const findings = (violations: readonly { policy: string; enforcementLevel: string; message: string }[]) =>
    violations.map((v) => `${v.enforcementLevel} [${v.policy}] ${v.message}`);

  if (config.layer === "physical") {
    const verdict = preflight(fleet, expanded.site.id);
    const layer = buildPhysical(fleet, expanded, { shard: config.shard, ...shards }, facts);
    return { outputs: { ...layer.outputs, preflight: { ok: verdict.ok, findings: findings(verdict.violations) } }, resources: layer.resources };
  }
  const gate = assertPreflight(fleet, expanded.site.id);
  const advisories = findings(gate.violations);
  if (config.layer === "all") {
    if (expanded.racks.length > MAX_RACKS_FOR_ALL) {
      throw new Error(
        `site [${expanded.site.id}] has ${expanded.racks.length} racks; layer "all" builds at most ${MAX_RACKS_FOR_ALL} in one stack (use one stack per layer and shard)`,
      );
    }
    const physical = buildPhysical(fleet, expanded, { shard: SITE_SHARD, ...shards }, facts);
    const nodes = buildBareMetal(
      expanded.racks,
      expanded.blueprints,
      secrets.bmc(credentialRefs(expanded.racks)),
      physical.site,
      bareMetalOptions(config, expanded.site),
    );
    const kubernetes = buildKubernetes(expanded, secrets.kubernetes(), physical.site);
    // One stack holds both layers: the join inputs are handed over in-process.
    const settings = bootstrapSettings(config, secrets);
    const bootstraps = settings ? buildOsBootstrap(expanded, expanded.racks, hostsByName(nodes), settings, kubernetes.join, physical.site) : [];
    return {
      outputs: { ...physical.outputs, advisories, nodes: nodes.map((n) => n.host.urn), ...kubernetes.outputs },
      resources: [...physical.resources, ...nodes, ...bootstraps, ...kubernetes.resources],
    };
  }

  // Bare metal and Kubernetes stacks hang below a site component of their own, so the pack sees the facts.
  const site = siteComponent(expanded, facts);
  if (config.layer === "baremetal") {
    const valid = layerShards(expanded.racks, config.racksPerShard).baremetal;
    if (!valid.includes(config.shard))
      throw new Error(`the bare-metal layer of site [${expanded.site.id}] has shards ${valid.join(", ")}; not "${config.shard}"`);
    const racks = expanded.racks.filter((r) => rackShard(r.hall, r.number, config.racksPerShard) === config.shard);
    const nodes = buildBareMetal(racks, expanded.blueprints, secrets.bmc(credentialRefs(racks)), site, bareMetalOptions(config, expanded.site));
    // The join inputs are the Kubernetes layer's results: read from its stack, never recomputed here.
    const settings = bootstrapSettings(config, secrets);
    const bootstraps = settings ? buildOsBootstrap(expanded, racks, hostsByName(nodes), settings, readJoinInputs(expanded.site.id, site), site) : [];
    return {
      outputs: { site: expanded.site.id, shard: config.shard, advisories, nodes: nodes.length, ...(settings ? { bootstrapped: bootstraps.length } : {}) },
      resources: [site, ...nodes, ...bootstraps],
    };
  }
  if (config.shard !== SITE_SHARD) throw new Error(`the Kubernetes layer of site [${expanded.site.id}] has one shard, "site"; not "${config.shard}"`);
  const kubernetes = buildKubernetes(expanded, secrets.kubernetes(), site);
  return { outputs: { site: expanded.site.id, advisories, ...kubernetes.outputs }, resources: [site, ...kubernetes.resources] };
}

/** The bare-metal layer's options from the stack's config (protected unless decommissioning is allowed) and the site's provisioning. */
function bareMetalOptions(config: StackConfig, site: Site) {
  return {
    provisioning: site.provisioning,
    protect: !config.allowDecommission,
    parallelism: { total: config.bmcParallelism, perFeed: config.bmcParallelismPerFeed },
    fleetDir: config.fleet,
  };
}
