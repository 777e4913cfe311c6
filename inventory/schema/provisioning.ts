/**
 * How a site's nodes boot to be provisioned, per role of their blueprint (PXE, UEFI HTTP, or the
 * role's image as virtual media), and the disk wipe on deprovisioning, which runs only behind the
 * explicit `wipeOnDeprovision: true`. Every field is optional; the defaults (a role not named boots
 * from PXE) live in model/baremetal/boot-source.ts. The URL rules are checked after the schema
 * (inventory/semantic-provisioning.ts) so that each error names its field.
 */
import { Type, type Static } from "@sinclair/typebox";
import { OneOf, Strict } from "./common";

/** An image or boot URL: https://, or http:// to an address on the site's management ranges (checked after the schema). */
const ImageUrl = (description: string) => Type.String({ minLength: 1, description });

/** How the nodes of one role boot: `kind`, with `imageUrl` for virtual media and an optional `url` for UEFI HTTP. */
export const BootSourceSpec = Strict({
  kind: OneOf(["pxe", "uefi-http", "virtual-media"] as const, {
    description: "pxe (network boot), uefi-http (UEFI HTTP boot, optionally from url) or virtual-media (the BMC inserts imageUrl, Redfish only)",
  }),
  url: Type.Optional(ImageUrl("uefi-http only: the boot URI the BMC hands the firmware (https://, or http:// on the management ranges)")),
  imageUrl: Type.Optional(ImageUrl("virtual-media only: the role's image the BMC inserts (https://, or http:// on the management ranges)")),
});
export type BootSourceSpec = Static<typeof BootSourceSpec>;

/** The boot source of each role; a role not named boots from DEFAULT_BOOT_SOURCE (model/baremetal/boot-source.ts). */
export const RoleBootSources = Strict({
  "gpu-worker": Type.Optional(BootSourceSpec),
  storage: Type.Optional(BootSourceSpec),
  "control-plane": Type.Optional(BootSourceSpec),
});
export type RoleBootSources = Static<typeof RoleBootSources>;

/** A site's provisioning settings. */
export const Provisioning = Strict({
  boot: Type.Optional(RoleBootSources),
  wipeImageUrl: Type.Optional(
    ImageUrl("image booted as virtual media on deprovisioning that erases the disks and powers off; used only with wipeOnDeprovision: true"),
  ),
  wipeOnDeprovision: Type.Boolean({
    default: false,
    description: "wipe the disks when a node is deprovisioned (boots wipeImageUrl); default false: shutdown and power off only",
  }),
});
export type Provisioning = Static<typeof Provisioning>;
