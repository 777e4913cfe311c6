/**
 * The vocabulary every rule speaks: what a rule is (its metadata, shared by the pack, the preflight
 * gate and `gigafactory audit`), what it finds, and the settings it is judged by. No Pulumi here.
 */
import type { FieldPath } from "../../inventory/problem";
import { DEFAULT_POLICY, POLICY_MODES } from "../../inventory/schema/fleet";
import type { Mode } from "../../model/territory/place";

/** The names of the policies, in the order reports list them. */
export const POLICY_NAMES = [
  "eu-jurisdiction",
  "renewable-power",
  "energy-efficiency",
  "eed-reporting",
  "rack-power-capacity",
  "data-residency",
  "out-of-band-isolation",
  "gpu-quota",
  "bmc-tls-verified",
  "tenant-isolation",
  "no-plaintext-secrets",
] as const;

/** A policy name. */
export type PolicyName = (typeof POLICY_NAMES)[number];

/** How a violation is treated: `mandatory` stops the deployment, `advisory` warns. */
export type EnforcementLevel = "advisory" | "mandatory" | "disabled";

/** Severity shown next to a violation (the CrossGuard scale). */
export type Severity = "low" | "medium" | "high" | "critical";

/** A JSON Schema for one configuration property, as CrossGuard's `configSchema` takes it. */
export interface ConfigProperty {
  readonly type: "string" | "number" | "integer" | "boolean" | "array";
  readonly description: string;
  readonly default?: string | number | boolean | readonly string[];
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: { readonly type: "string" };
}

/** What a policy can be configured with, besides its enforcement level. */
export interface ConfigSchema {
  readonly properties: Readonly<Record<string, ConfigProperty>>;
}

/** The metadata of a policy: one source for the pack, the reports and the metadata test. */
export interface RuleMeta {
  readonly name: PolicyName;
  readonly description: string;
  readonly enforcementLevel: Exclude<EnforcementLevel, "disabled">;
  readonly severity: Severity;
  readonly tags: readonly string[];
  /** The regulation or standard the policy enforces. */
  readonly url: string;
  readonly remediationSteps: string;
  readonly configSchema?: ConfigSchema;
  /**
   * `site`: judged on the site facts (pack, preflight and audit); `resource`: judged only on
   * resource inputs the engine sees (the pack alone).
   */
  readonly scope: "site" | "resource";
}

/** Something a rule found wrong. */
export interface Finding {
  readonly policy: PolicyName;
  /** Who is at fault, e.g. `site [kef-1]`, `storage [kef-nfs] of site [kef-1]`. */
  readonly subject: string;
  /** "X should Y; evidence", starting with the subject. */
  readonly message: string;
  /**
   * What `path` is relative to: the site's inventory file, `fleet.yaml`, or (for rules judged on
   * resources) the resource's inputs.
   */
  readonly document: "site" | "fleet" | "resource";
  /** The field in that document. */
  readonly path: FieldPath;
  /**
   * `advisory`: a finding that asks for review rather than refusing, even from a mandatory policy
   * (a place whose status its code cannot decide). The preflight gate and the audit report it as
   * advisory; the pack, whose policies have one level each, leaves it to them.
   */
  readonly level?: "advisory";
}

export type { Mode };

/**
 * The one jurisdiction mode setting: `eu-jurisdiction`'s `mode` in the pack (data-residency has
 * none and follows it), `--mode` in the audit, `mode` of the preflight gate.
 */
export const MODE_CONFIG: ConfigProperty = {
  type: "string",
  enum: POLICY_MODES,
  default: DEFAULT_POLICY.mode,
  description: "eu: the European Union (strict); eea: the European Economic Area. The one mode setting: data-residency follows it",
};

/** The thresholds the site rules are judged by. */
export interface RuleSettings {
  readonly mode: Mode;
  /** Share of demand that must be covered by evidenced renewable energy, 0–1. */
  readonly renewableThreshold: number;
  readonly maxDesignPue: number;
  /** IT power from which the EU reporting obligation applies (EED Art. 12: 500 kW). */
  readonly reportingThresholdKW: number;
  /** Facility power from which waste heat must be reused (EED Art. 26(6): 1 MW). */
  readonly heatReuseThresholdKW: number;
}

/** The defaults: the platform's policy defaults (strict EU mode, 100% renewable, PUE 1.3) and the EED thresholds. */
export const DEFAULT_SETTINGS: RuleSettings = {
  ...DEFAULT_POLICY,
  reportingThresholdKW: 500,
  heatReuseThresholdKW: 1000,
};
