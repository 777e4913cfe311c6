/** BMC control: URLs, Redfish and IPMI drivers, power and boot with fallback. */
export * from "./bmc";
export * from "../model/bmc-url";
export * from "./ipmi";
export * from "./power";
export * from "./redfish";
export * from "./provisioning";
export * from "./http";
export * from "./scrub";
export * from "./ipmi-fru";
export * from "./redfish-inspect";
export * from "./redfish-boot";
