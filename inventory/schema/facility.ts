/** The facility around the IT load: grid connection, cooling, design PUE, heat reuse. */
import { Type, type Static } from "@sinclair/typebox";
import { NonNegative, Positive, Strict, OneOf } from "./common";

/** How heat leaves the IT equipment. */
export const CoolingKind = OneOf(["air", "liquid", "hybrid"] as const);
export type CoolingKind = Static<typeof CoolingKind>;

/** Cooling of a site, hall or rack. */
export const Cooling = Strict({
  kind: CoolingKind,
  capacityKW: Type.Optional(Positive("heat the cooling can remove")),
  supplyTempC: Type.Optional(Type.Number({ description: "coolant or air supply temperature" })),
});
export type Cooling = Static<typeof Cooling>;

/** Where the site's waste heat goes. */
export const HeatReuse = Strict({
  consumer: Type.String({ minLength: 1, description: "who takes the heat, e.g. a district heating network" }),
  capacityMW: NonNegative("thermal capacity delivered"),
});
export type HeatReuse = Static<typeof HeatReuse>;

/** The facility. */
export const Facility = Strict({
  gridConnectionMW: Positive("contracted grid connection"),
  designPue: Type.Number({ minimum: 1, description: "design power usage effectiveness (EN 50600-4-2)" }),
  availabilityClass: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: "EN 50600 availability class" })),
  cooling: Cooling,
  heatReuse: Type.Optional(HeatReuse),
});
export type Facility = Static<typeof Facility>;
