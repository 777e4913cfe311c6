/** `fleet.yaml`: the fleet's name, its operator and the policy settings every site is judged by. */
import { Type, type Static } from "@sinclair/typebox";
import { CountryCode, Strict, OneOf } from "./common";

export const Operator = Strict({
  name: Type.String({ minLength: 1 }),
  country: CountryCode,
  registration: Type.Optional(Type.String({ description: "company register number" })),
});
export type Operator = Static<typeof Operator>;

export const PolicySettings = Strict({
  mode: OneOf(["eu", "eea"] as const, { default: "eu" }),
  renewableThreshold: Type.Number({ minimum: 0, maximum: 1, default: 1, description: "share of demand that must be evidenced renewable" }),
  maxDesignPue: Type.Number({ minimum: 1, default: 1.3 }),
});
export type PolicySettings = Static<typeof PolicySettings>;

export const FleetFile = Strict({
  name: Type.String({ pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$" }),
  description: Type.Optional(Type.String()),
  operator: Operator,
  policy: Type.Optional(PolicySettings),
});
export type FleetFile = Static<typeof FleetFile>;
