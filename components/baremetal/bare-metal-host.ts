/**
 * `BareMetalHost`: one server's lifecycle (registering → inspecting → available → provisioning →
 * provisioned; deprovisioning on delete), served by the `gigafactory-baremetal` provider
 * (provider/), one process for every host of the stack. Its outputs are what the next steps (the
 * OS bootstrap over SSH) depend on: hostname, in-band address, lifecycle state, power state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { BmcTls, BootSource } from "../../bmc/provisioning";
import { DEFAULT_BOOT_SOURCE } from "../../model/baremetal/boot-source";
import type { ExpectedHardware } from "../../model/baremetal/expected-hardware";
import type { Parallelism } from "../../model/baremetal/parallelism";
import { HOST_TYPE, type InspectedFacts, type LifecycleState } from "../../provider/host-inputs";

/** BMC credentials. Both are Pulumi secrets; they reach only the provider, and state only encrypted. */
export interface BmcCredentials {
  readonly username: pulumi.Input<string>;
  readonly password: pulumi.Input<string>;
}

/** Arguments of a {@link BareMetalHost}. */
export interface BareMetalHostArgs {
  /** Hostname from the ledger; also the host's id. */
  readonly hostname: string;
  /** In-band management address from the ledger (where the OS bootstrap connects). */
  readonly inBandAddress: string;
  /** BMC URL (`redfish://…` or `ipmi://…`). Changing it re-points the host in place, with no power action. */
  readonly bmcUrl: string;
  /** Fallback BMC URL, tried when the first does not answer. @default undefined (no fallback) */
  readonly fallbackUrl?: string;
  /** Credentials for the BMC (secrets); a rotation updates in place with no power action. */
  readonly credentials: BmcCredentials;
  /** TLS trust of this BMC. @default undefined (verified against the system's roots) */
  readonly tls?: BmcTls;
  /** The power feeds the node draws from; the provider bounds power actions per feed. */
  readonly feeds: readonly string[];
  /** Power or boot actions in flight at once, in total and per feed, across the provider process. */
  readonly parallelism: Parallelism;
  /** What inspection must find (from the blueprint); a node that differs is refused. */
  readonly expected: ExpectedHardware;
  /** How the node boots when provisioned (the site's `provisioning.boot` of its role). Changing it updates in place, with no power action. @default DEFAULT_BOOT_SOURCE ({ kind: "pxe" }) */
  readonly boot?: BootSource;
  /** A wipe image booted when the host is deleted (erases the disks, then powers off). @default undefined (no wipe) */
  readonly wipeImageUrl?: string;
  /** Graceful shutdown time on delete before ForceOff, in seconds. @default 300 */
  readonly shutdownTimeoutSeconds?: number;
}

/** A bare-metal host, as the provider reports it. */
export class BareMetalHost extends pulumi.CustomResource {
  declare readonly hostname: pulumi.Output<string>;
  declare readonly inBandAddress: pulumi.Output<string>;
  declare readonly bmcUrl: pulumi.Output<string>;
  /** Lifecycle state (`provisioned` once created). */
  declare readonly state: pulumi.Output<LifecycleState>;
  /** The power state the BMC reported last (a refresh reads it again). */
  declare readonly powerState: pulumi.Output<string>;
  /** The BMC that answered last. */
  declare readonly bmcAnswered: pulumi.Output<string>;
  /** What inspection found. */
  declare readonly facts: pulumi.Output<InspectedFacts>;

  constructor(name: string, args: BareMetalHostArgs, opts?: pulumi.CustomResourceOptions) {
    const inputs: pulumi.Inputs = {
      ...args,
      credentials: pulumi.secret({ username: args.credentials.username, password: args.credentials.password }),
      boot: args.boot ?? DEFAULT_BOOT_SOURCE,
      state: undefined,
      powerState: undefined,
      bmcAnswered: undefined,
      facts: undefined,
      lastError: undefined,
    };
    super(HOST_TYPE, name, inputs, { ...opts, additionalSecretOutputs: ["credentials"] });
  }
}
