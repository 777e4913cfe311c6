/** Storage systems and where their replicas and backups live. */
import { Type, type Static } from "@sinclair/typebox";
import { Count, CountryCode, Id, NonEmpty, OneOf, Positive, Strict, SubdivisionCode } from "./common";

/** A place a copy of data is kept. */
export const DataLocation = Strict({
  country: CountryCode,
  subdivision: Type.Optional(SubdivisionCode),
  site: Type.Optional(Type.String({ description: "site id when it is one of ours" })),
});
export type DataLocation = Static<typeof DataLocation>;

/** A storage system. */
export const StorageSystem = Strict({
  id: Id,
  kind: OneOf(["lustre", "weka", "ceph", "vast", "nfs"] as const),
  tiers: NonEmpty(
    Strict({
      name: Type.String({ minLength: 1 }),
      media: OneOf(["nvme", "hdd", "tape", "object"] as const),
      capacityTB: Positive("usable capacity"),
    }),
  ),
  servers: Type.Optional(Count("storage servers attached to the storage fabric")),
  powerKW: Type.Optional(Positive("nominal power of the storage equipment, kW (part of the installed IT power)")),
  replicas: NonEmpty(DataLocation, "where each replica is kept"),
  backups: Type.Array(DataLocation, { default: [], description: "where backups are kept" }),
});
export type StorageSystem = Static<typeof StorageSystem>;
