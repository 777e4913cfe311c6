/** `fleet.yaml`: the fleet's name, its operator and the policy settings every site is judged by. */
import { Type, type Static } from "@sinclair/typebox";
import { CountryCode, Strict, OneOf } from "./common";

export const Operator = Strict({
  name: Type.String({ minLength: 1 }),
  country: CountryCode,
  registration: Type.Optional(Type.String({ description: "company register number" })),
});
export type Operator = Static<typeof Operator>;

/** The jurisdiction boundaries a fleet is judged by: the European Union, or the European Economic Area. */
export const POLICY_MODES = ["eu", "eea"] as const;

/**
 * The platform's policy defaults, when `fleet.yaml` has no `policy` section: strict EU mode, 100%
 * evidenced renewable energy, design PUE at most 1.3 (Climate Neutral Data Centre Pact, cool
 * climates). The one home of these figures: the schema, the loader, the rules and the pack's
 * configuration read them from here.
 */
export const DEFAULT_POLICY = { mode: "eu", renewableThreshold: 1, maxDesignPue: 1.3 } as const;

export const PolicySettings = Strict({
  mode: OneOf(POLICY_MODES, { default: DEFAULT_POLICY.mode }),
  renewableThreshold: Type.Number({
    minimum: 0,
    maximum: 1,
    default: DEFAULT_POLICY.renewableThreshold,
    description: "share of demand that must be evidenced renewable",
  }),
  maxDesignPue: Type.Number({ minimum: 1, default: DEFAULT_POLICY.maxDesignPue }),
});
export type PolicySettings = Static<typeof PolicySettings>;

export const FleetFile = Strict({
  name: Type.String({ pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$" }),
  description: Type.Optional(Type.String()),
  operator: Operator,
  policy: Type.Optional(PolicySettings),
});
export type FleetFile = Static<typeof FleetFile>;
