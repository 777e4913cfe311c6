/**
 * The contract between the BMC client (bmc/) and the bare-metal provider: what a node's BMC reports
 * about its hardware, how a one-time boot is asked for, and how TLS is trusted per BMC.
 *
 * CONTRACT FILE (wave 2, issue 12): the types are fixed; the function bodies are implemented by the
 * BMC client work and consumed by the provider work. Extend, do not rename.
 */
import { BmcError, type BmcDriver, type Credentials, type PowerState, type Protocol } from "./bmc";
import { IpmiClient } from "./ipmi";
import { factsFromFru } from "./ipmi-fru";
import { withFallback, type BmcTarget, type FallbackNote, type PowerOptions } from "./power";
import { RedfishClient } from "./redfish";
import { bootFromRedfish } from "./redfish-boot";
import { inspectRedfish } from "./redfish-inspect";

/** How a BMC's TLS certificate is trusted: verified by default, per BMC. No process-wide switch. */
export interface BmcTls {
  /** PEM CA bundle that signs this BMC's certificate (in addition to the system's roots). @default undefined */
  readonly caBundle?: string;
  /** Skip verification for this BMC only (the inventory's explicit `insecure: true`, listed by the audit). @default false */
  readonly insecure?: boolean;
}

/** One accelerator (GPU) as the BMC reports it. */
export interface AcceleratorFact {
  /** The BMC's id for it (`GPU_SXM_1`, a serial number, …). */
  readonly id: string;
  /** Model as reported (`NVIDIA H200`, `GH200`). */
  readonly model: string;
}

/** One network port as the BMC reports it. */
export interface NicFact {
  readonly id: string;
  /** MAC address, lower case, colon separated. */
  readonly mac?: string;
  readonly speedGbps?: number;
}

/** What a BMC reports about the hardware behind it: Redfish inventory, or IPMI FRU (fewer fields; absent = not reported). */
export interface HardwareFacts {
  /** The BMC that answered (formatted URL) and its protocol. */
  readonly bmc: string;
  readonly source: Protocol;
  /** The Redfish ComputerSystem id as the BMC names it (`1`, `System.Embedded.1`, a serial). */
  readonly systemId?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly serialNumber?: string;
  readonly uuid?: string;
  readonly powerState?: PowerState;
  readonly cpus?: { readonly count: number; readonly model?: string };
  readonly memoryGiB?: number;
  /** Accelerators (GPUs) from Processors (ProcessorType GPU) and PCIe devices; undefined when the source cannot tell (IPMI FRU). */
  readonly accelerators?: readonly AcceleratorFact[];
  readonly nics?: readonly NicFact[];
  readonly chassis?: { readonly id: string; readonly model?: string; readonly serialNumber?: string };
  /** Boot source modes the BMC offers (`uefi`, `legacy`); undefined when not reported. */
  readonly bootModes?: readonly ("uefi" | "legacy")[];
  /** Whether the BMC offers virtual media (`InsertMedia`). */
  readonly virtualMedia?: boolean;
  /** Present when the first BMC failed and the fallback answered. */
  readonly fallbackFrom?: FallbackNote;
}

/** Options of the provisioning calls: the power options plus per-BMC TLS. */
export interface ProvisioningOptions extends PowerOptions {
  readonly tls?: BmcTls;
}

/** How the next boot starts: network (PXE, UEFI HTTP) or virtual media with the role's image. */
export type BootSource =
  { readonly kind: "pxe" } | { readonly kind: "uefi-http"; readonly url?: string } | { readonly kind: "virtual-media"; readonly imageUrl: string };

/** The outcome of {@link bootFrom}. */
export interface BootFromResult {
  readonly bmc: string;
  readonly protocol: Protocol;
  readonly source: BootSource["kind"];
  /** Whether the BMC's override (or inserted media) changed. */
  readonly changed: boolean;
  /** `uefi` when the BMC took UEFI mode, `legacy` when it only offers legacy, undefined when it does not say. */
  readonly mode?: "uefi" | "legacy";
  /** Present when the first BMC failed and the fallback answered. */
  readonly fallbackFrom?: FallbackNote;
}

/** Reads a node's hardware facts (Redfish, following links from `/redfish/v1/Systems`; IPMI FRU as the fallback). */
export async function inspect(target: BmcTarget, credentials: Credentials, options: ProvisioningOptions = {}): Promise<HardwareFacts> {
  return withFallback(target, credentials, options, async (d: BmcDriver): Promise<HardwareFacts> => {
    if (d instanceof RedfishClient) return inspectRedfish(d);
    if (d instanceof IpmiClient) {
      const [fru, powerState] = [await d.fru(), await d.powerState()];
      return { ...factsFromFru(d.url, fru), powerState };
    }
    throw new BmcError(`BMC [${d.url}] cannot be inspected: its driver is neither Redfish nor IPMI`, d.url, "tool");
  });
}

/** Sets a one-time boot override (UEFI mode where offered); for virtual media, inserts the image first. Idempotent. */
export async function bootFrom(source: BootSource, target: BmcTarget, credentials: Credentials, options: ProvisioningOptions = {}): Promise<BootFromResult> {
  return withFallback(target, credentials, options, async (d: BmcDriver): Promise<BootFromResult> => {
    if (d instanceof RedfishClient) return bootFromRedfish(d, source);
    if (d instanceof IpmiClient) return bootFromIpmi(d, source);
    throw new BmcError(`BMC [${d.url}] cannot set a boot source: its driver is neither Redfish nor IPMI`, d.url, "tool");
  });
}

/** IPMI offers network boot only: `chassis bootdev pxe options=efiboot`, skipped when the flags already say so. */
async function bootFromIpmi(d: IpmiClient, source: BootSource): Promise<BootFromResult> {
  if (source.kind !== "pxe") {
    throw new BmcError(`BMC [${d.url}] cannot boot from ${source.kind} over IPMI (only pxe); give the node a Redfish BMC for it`, d.url, "refused");
  }
  const set = (flags: string) => /Force PXE/i.test(flags) && /BIOS EFI boot/i.test(flags) && /next boot/i.test(flags);
  if (set(await d.bootFlags())) return { bmc: d.url, protocol: "ipmi", source: "pxe", changed: false, mode: "uefi" };
  await d.setPxeOnceUefi();
  const after = await d.bootFlags();
  if (!/Force PXE/i.test(after))
    throw new BmcError(`BMC [${d.url}] accepted "chassis bootdev pxe options=efiboot" but reports no PXE override`, d.url, "refused");
  return {
    bmc: d.url,
    protocol: "ipmi",
    source: "pxe",
    changed: true,
    ...(/BIOS EFI boot/i.test(after) ? { mode: "uefi" as const } : { mode: "legacy" as const }),
  };
}
