/**
 * What `gigafactory plan` computes, as plain JSON data: the JSON report is this (`--format json`),
 * and a previous JSON report is what `--baseline` reads back. Every list is sorted, so the same
 * inventory gives the same bytes.
 */

/** The version of the JSON form; a baseline of another version is refused. */
export const PLAN_FORMAT_VERSION = 1;

/** One resource a stack registers, by type and logical name. */
export interface PlanResource {
  /** Type token, `gigafactory:network:Switch`. */
  readonly type: string;
  /** Logical name, unique in the stack for its type. */
  readonly name: string;
  /** Digest of everything the resource carries (inputs and registered outputs); equal digests, no change. */
  readonly digest: string;
  /** Digest per top-level property (`in.<key>` inputs, `out.<key>` outputs): what changed, when the digest did. */
  readonly props: Readonly<Record<string, string>>;
  /** Physical quantities the resource stands for (servers, cables, racks…), see `effects.ts`; absent when none. */
  readonly effects?: Readonly<Record<string, number>>;
}

/** A finding of the policy pack (or the preflight gate) on a stack. */
export interface PlanFinding {
  readonly policy: string;
  readonly enforcementLevel: "mandatory" | "advisory";
  /** The resource judged, `type name`; the stack when the policy judged the stack as a whole. */
  readonly subject: string;
  readonly message: string;
}

/** What a stack stands for: the GPUs and power of what it holds (site-wide figures for a site shard). */
export interface Figures {
  readonly gpus: number;
  readonly itPowerKW: number;
  readonly facilityPowerKW: number;
}

/** One stack, planned: its resources under the policy pack. */
export interface StackPlan extends Figures {
  /** Stack name, `riga-1-physical-h1-b0`. */
  readonly stack: string;
  readonly site: string;
  readonly layer: string;
  readonly shard: string;
  /** Digest of what the stack reads from the inventory (and of the code); equal fingerprints plan the same resources. */
  readonly fingerprint: string;
  /** Every resource but the stack's root, sorted by type and name. */
  readonly resources: readonly PlanResource[];
  /** Sorted by policy, subject and message. */
  readonly findings: readonly PlanFinding[];
}

/** A site's totals, from the inventory. */
export interface SiteFigures extends Figures {
  readonly site: string;
  readonly country: string;
  readonly stacks: number;
}

/** Every stack of a fleet, planned. */
export interface FleetPlan {
  readonly version: typeof PLAN_FORMAT_VERSION;
  readonly fleet: { readonly name: string; readonly dir: string };
  readonly sites: readonly SiteFigures[];
  readonly stacks: readonly StackPlan[];
}
