/** The energy section of a site: demand, every supply that covers it, and the EU reporting figures. */
import { Type, type Static } from "@sinclair/typebox";
import { NonEmpty, NonNegative, Positive, Strict, OneOf } from "./common";

/** How a supply reaches the site. */
export const SupplyKind = OneOf(["ppa", "goo", "onsite", "grid"] as const);
export type SupplyKind = Static<typeof SupplyKind>;

/** Generation technology of a supply. */
export const Technology = OneOf(["wind", "solar", "hydro", "biomass", "geothermal", "nuclear", "fossil", "unknown"] as const);
export type Technology = Static<typeof Technology>;

/** Guarantees of Origin evidence for a supply (Directive (EU) 2018/2001, Art. 19). */
export const GuaranteesOfOrigin = Strict({
  cancelled: Type.Boolean({ description: "the GoOs were cancelled for this data centre's consumption" }),
  registry: Type.String({ minLength: 1, description: "the issuing body or registry" }),
  certificates: Type.Array(Type.String({ minLength: 1 }), { description: "certificate or cancellation statement ids" }),
});
export type GuaranteesOfOrigin = Static<typeof GuaranteesOfOrigin>;

/**
 * What makes two certificate ids the same certificate: they compare without case and surrounding
 * blanks (`lv-go-1 ` is `LV-GO-1`). The loader (a certificate is claimed once across the fleet)
 * and the renewable accounting (counted once per site) both compare through this key.
 */
export function certificateKey(id: string): string {
  return id.trim().toUpperCase();
}

/** One source covering part of the site's demand. */
export const Supply = Strict({
  kind: SupplyKind,
  technology: Technology,
  annualMWh: NonNegative("energy delivered over the period"),
  counterparty: Type.Optional(Type.String({ description: "generator, supplier or PPA counterparty" })),
  goo: Type.Optional(GuaranteesOfOrigin),
});
export type Supply = Static<typeof Supply>;

/** Energy figures for the reporting period (Delegated Regulation (EU) 2024/1364 names in brackets). */
export const Energy = Strict({
  period: Type.Optional(Type.String({ description: "reporting period, e.g. 2027" })),
  annualDemandMWh: Positive("facility energy for the period (EDC)"),
  itEnergyMWh: Type.Optional(Positive("IT equipment energy for the period (EIT)")),
  waterInputM3: Type.Optional(NonNegative("water input (WIN), cubic metres")),
  potableWaterM3: Type.Optional(NonNegative("potable water input (WIN-POT), cubic metres")),
  reusedHeatMWh: Type.Optional(NonNegative("heat delivered for reuse (EREUSE)")),
  supply: NonEmpty(Supply, "every source that covers the demand"),
});
export type Energy = Static<typeof Energy>;
