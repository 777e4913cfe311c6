/** A site: one file `sites/<id>.yaml` of a fleet. */
import { Type, type Static } from "@sinclair/typebox";
import { OsBootstrapSettings } from "./bootstrap";
import { CountryCode, Id, NonEmpty, Strict, SubdivisionCode } from "./common";
import { Energy } from "./energy";
import { Facility } from "./facility";
import { BmcAccess } from "./bmc-access";
import { Provisioning } from "./provisioning";
import { Blueprint, RackType } from "./hardware";
import { Hall } from "./hall";
import { Network } from "./network";
import { StorageSystem } from "./storage";
import { GpuSoftwareSettings } from "./gpu-software";
import { Queues } from "./queues";
import { Pool, Tenant } from "./workload";
import { Reporting } from "./reporting";

export const Site = Strict({
  id: Id,
  name: Type.Optional(Type.String()),
  country: CountryCode,
  subdivision: Type.Optional(SubdivisionCode),
  energy: Energy,
  facility: Facility,
  blueprints: NonEmpty(Blueprint),
  rackTypes: NonEmpty(RackType),
  halls: NonEmpty(Hall),
  pools: Type.Array(Pool, { default: [] }),
  tenants: Type.Array(Tenant, { default: [] }),
  queues: Type.Optional(Queues),
  gpuSoftware: Type.Unsafe<GpuSoftwareSettings>({ ...GpuSoftwareSettings, default: {} }),
  network: Network,
  storage: Type.Array(StorageSystem, { default: [] }),
  reporting: Type.Optional(Reporting),
  bmcAccess: Type.Unsafe<BmcAccess>({ ...BmcAccess, default: {} }),
  bootstrap: Type.Optional(OsBootstrapSettings),
  provisioning: Type.Unsafe<Provisioning>({ ...Provisioning, default: {} }),
});
export type Site = Static<typeof Site>;
