/**
 * The bare-metal layer: a {@link BareMetalNode} (its {@link BareMetalHost}) per node of the stack's
 * racks, all served by one `gigafactory-baremetal` provider process. What each host gets comes
 * from the ledger: BMC URLs, credential reference, TLS trust, the rack's power feeds, the
 * blueprint's expected hardware, and the site's `provisioning`: the boot source of the blueprint's
 * role and, only with `wipeOnDeprovision: true`, the wipe image.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { BareMetalNode, type BmcCredentials } from "../components/baremetal/bare-metal-node";
import type { BmcTls } from "../bmc/provisioning";
import type { RackRecord } from "../inventory/fleet";
import type { Blueprint } from "../inventory/schema/hardware";
import type { BmcTlsSpec } from "../inventory/schema/bmc-access";
import type { Provisioning } from "../inventory/schema/provisioning";
import { bootSourceOf, wipeImageOf } from "../model/baremetal/boot-source";
import { expectedHardware } from "../model/baremetal/expected-hardware";
import { nodeFeeds, type Parallelism } from "../model/baremetal/parallelism";
import { StackConfigError, type CredentialValues } from "./config";

/** How the layer builds its nodes. */
export interface BareMetalOptions {
  /** Whether the engine refuses to delete the nodes (deleting one powers it off). */
  readonly protect: boolean;
  /** The provider's bounds on power and boot actions. */
  readonly parallelism: Parallelism;
  /** The fleet directory, which CA bundle references are relative to. */
  readonly fleetDir: string;
  /** The site's provisioning settings: boot source per role, disk wipe. @default undefined (PXE, no wipe) */
  readonly provisioning?: Provisioning;
}

/** The credential references `racks` use, each with the first node using it (for error messages). */
export function credentialRefs(racks: readonly RackRecord[]): Map<string, string> {
  const refs = new Map<string, string>();
  for (const n of racks.flatMap((r) => r.nodes)) if (!refs.has(n.bmc.credentials)) refs.set(n.bmc.credentials, `node ${n.hostname} and others`);
  return refs;
}

/** Creates a {@link BareMetalNode} per node of `racks` under `parent`. */
export function buildBareMetal(
  racks: readonly RackRecord[],
  blueprints: ReadonlyMap<string, Blueprint>,
  credentials: CredentialValues,
  parent: pulumi.ComponentResource,
  options: BareMetalOptions,
): BareMetalNode[] {
  const secrets = new Map<string, BmcCredentials>(
    [...credentials].map(([ref, c]) => [ref, { username: pulumi.secret(c.username), password: pulumi.secret(c.password) }]),
  );
  const bundles = new Map<string, string>();
  const tlsOf = (spec: BmcTlsSpec | undefined, hostname: string): BmcTls | undefined => {
    if (spec === undefined) return undefined;
    if ("insecure" in spec) return { insecure: true };
    if (!bundles.has(spec.caBundle)) bundles.set(spec.caBundle, readBundle(options.fleetDir, spec.caBundle, hostname));
    return { caBundle: bundles.get(spec.caBundle)! };
  };
  const wipeImageUrl = wipeImageOf(options.provisioning);
  // Every node's arguments first, so that a missing credential or CA bundle stops the layer before any node registers.
  const args = racks.flatMap((rack) =>
    rack.nodes.map((node) => {
      const c = secrets.get(node.bmc.credentials);
      if (!c) throw new StackConfigError(`node [${node.hostname}] uses BMC credentials [${node.bmc.credentials}], which the stack does not hold`);
      const tls = tlsOf(node.bmc.tls, node.hostname);
      const blueprint = blueprints.get(node.blueprint)!;
      return {
        hostname: node.hostname,
        inBandAddress: node.inBandIp,
        bmcUrl: node.bmc.url,
        ...(node.bmc.fallbackUrl ? { fallbackUrl: node.bmc.fallbackUrl } : {}),
        credentials: c,
        ...(tls ? { tls } : {}),
        feeds: nodeFeeds(rack.name, rack.type.feeds.length),
        parallelism: options.parallelism,
        expected: expectedHardware(blueprint),
        boot: bootSourceOf(options.provisioning, blueprint.role),
        ...(wipeImageUrl !== undefined ? { wipeImageUrl } : {}),
      };
    }),
  );
  return args.map((a) => new BareMetalNode(a.hostname, a, { parent, protect: options.protect }));
}

function readBundle(fleetDir: string, ref: string, hostname: string): string {
  try {
    const pem = readFileSync(join(fleetDir, ref), "utf8");
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error("it holds no PEM certificate");
    return pem;
  } catch (e) {
    throw new StackConfigError(
      `the CA bundle [${ref}] of node [${hostname}] (bmcAccess, relative to the fleet directory) cannot be used: ${(e as Error).message}`,
    );
  }
}
