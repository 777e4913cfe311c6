/**
 * The `reporting` section of a site: what the EU data-centre report needs beyond the rest of the
 * inventory (Directive (EU) 2023/1791 Art. 12 and Annex VII; Delegated Regulation (EU) 2024/1364
 * Annexes I and II). Optional, so fleets written before it still load; a site that must report and
 * lacks it is told which fields are missing by `gigafactory report eed`. `cli/eed/fields.ts` says
 * which legal field each value answers.
 */
import { Type, type Static } from "@sinclair/typebox";
import { NonNegative, OneOf, Positive, Strict } from "./common";
import { GuaranteesOfOrigin } from "./energy";

/** The kinds of data centre of Delegated Regulation (EU) 2024/1364 Art. 2(1)–(3). */
export const DATA_CENTRE_TYPES = ["enterprise", "colocation", "co-hosting"] as const;

/** A legal or natural person named in the report, with an address the database can write to. */
export const Party = Strict({
  name: Type.String({ minLength: 1, description: "registered name" }),
  contact: Type.String({ minLength: 3, description: "contact for the report: an e-mail address or a postal address" }),
});
export type Party = Static<typeof Party>;

/**
 * The Guarantees of Origin cancelled for one supply's energy of the year: they replace, for that
 * year, the `goo` of `energy.supply[supply]` in the site file (which holds the current period's).
 */
export const YearGuarantees = Strict({
  supply: Type.Integer({ minimum: 0, description: "index in energy.supply" }),
  ...GuaranteesOfOrigin.properties,
});
export type YearGuarantees = Static<typeof YearGuarantees>;

/** One year of metered data: a CSV of monthly figures (README, "Metered data"). */
export const MeteringFile = Strict({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: "calendar year the file covers" }),
  file: Type.String({ minLength: 1, pattern: "\\.csv$", description: "CSV of monthly figures, relative to the fleet directory" }),
  guarantees: Type.Array(YearGuarantees, { default: [], description: "the year's Guarantees of Origin, per supply" }),
});
export type MeteringFile = Static<typeof MeteringFile>;

/** The site's reporting facts. */
export const Reporting = Strict({
  owner: Type.Optional(Party),
  operator: Type.Optional(
    Strict(
      {
        name: Type.Optional(Type.String({ minLength: 1, description: "operator of this site when not the fleet's operator" })),
        contact: Type.String({ minLength: 3, description: "the operator's contact for the report" }),
      },
      "the operator: the fleet's operator (fleet.yaml) unless a name is given",
    ),
  ),
  operationsStarted: Type.Optional(
    Type.String({
      pattern: "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$",
      description: "date the data centre started operation, YYYY-MM or YYYY-MM-DD",
    }),
  ),
  municipality: Type.Optional(Type.String({ minLength: 1, description: "municipality where the data centre is" })),
  lauCode: Type.Optional(
    Type.String({ pattern: "^[A-Z]{2}[A-Z0-9_-]{1,12}$", description: "Eurostat Local Administrative Unit code, prefixed with the country (e.g. LV0001000)" }),
  ),
  type: Type.Optional(OneOf(DATA_CENTRE_TYPES, { description: "enterprise | colocation | co-hosting (Delegated Regulation (EU) 2024/1364 Art. 2)" })),
  floorArea: Type.Optional(
    Strict({
      totalM2: Positive("total floor area of the data centre (SDC), m²"),
      computerRoomM2: Positive("computer room floor area (SCR), m²"),
    }),
  ),
  networkPowerKW: Type.Optional(NonNegative("nominal power of network equipment outside the racks of the ledger (spine, core, management switches), kW")),
  temperatureSetPoints: Type.Optional(
    Strict({
      itIntakeAirMinC: Type.Number({ minimum: 0, maximum: 60, description: "lowest set point of the IT equipment intake air, °C" }),
      itIntakeAirMaxC: Type.Number({ minimum: 0, maximum: 60, description: "highest set point of the IT equipment intake air, °C" }),
    }),
  ),
  wasteHeatTemperatureC: Type.Optional(
    Type.Number({ minimum: 0, maximum: 150, description: "average temperature of the waste heat at the handover point, °C" }),
  ),
  bandwidth: Type.Optional(
    Strict({
      incomingGbps: NonNegative("incoming traffic bandwidth (contracted or installed), Gbit/s"),
      outgoingGbps: NonNegative("outgoing traffic bandwidth, Gbit/s"),
    }),
  ),
  metering: Type.Array(MeteringFile, { default: [], description: "metered monthly figures, one file per calendar year" }),
});
export type Reporting = Static<typeof Reporting>;
