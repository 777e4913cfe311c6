/** Network arithmetic as pure builders: compute, storage and management fabrics. Re-exports only. */
export * from "./types";
export { leafPorts, smallestDivisorAtLeast, threeTier, twoTier, type ClosShape, type LeafPorts } from "./clos";
export { DEFAULT_FABRIC_GROWTH, DEFAULT_SWITCH_PORT_SPEED_GBPS, DEFAULT_SWITCH_RADIX, type FabricGrowth } from "./options";
export { buildHallFabric, hallCoreName, hallLeafName, hallSpineName, type HallGroup, type HallHost, type SwitchFilter } from "./hall-fabric";
export { sizeComputeFabric } from "./rail-optimised";
export { buildComputeFabric, coreName, leafName, spineName, type SwitchRange } from "./switch-config";
export { PRIVATE_ASN_FIRST, PRIVATE_ASN_LAST } from "./ethernet-underlay";
export { sizeStorageFabric, type StorageFabricInput, type StorageFabricSizing } from "./storage";
export {
  sizeInBandManagement,
  sizeOutOfBand,
  type AccessSwitch,
  type InBandOptions,
  type ManagementSizing,
  type OutOfBandOptions,
  type RackEquipment,
} from "./management";
