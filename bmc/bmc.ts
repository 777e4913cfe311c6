/** What every BMC driver (Redfish, IPMI) offers, and the one error type they raise. */

/** Power state as the BMC reports it, in our words. */
export type PowerState = "on" | "off" | "powering-on" | "powering-off";

/** A power change to ask of a BMC. */
export type PowerRequest = "on" | "off" | "graceful-off";

/** What to do with the power (`gigafactory bmc power <action>`). */
export const POWER_ACTIONS = ["on", "off", "status"] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

/** One-time boot devices. */
export const BOOT_DEVICES = ["pxe", "disk"] as const;
export type BootDevice = (typeof BOOT_DEVICES)[number];

export type Protocol = "redfish" | "ipmi";

/** BMC credentials. They travel in an `Authorization` header or `IPMI_PASSWORD`, never in argv or output. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** A BMC that answers one protocol. */
export interface BmcDriver {
  /** The BMC's URL, as parsed and formatted again. */
  readonly url: string;
  readonly protocol: Protocol;
  /** Asking for the power state the node is already in changes nothing (IPMI chassis control). @default false */
  readonly idempotentPower?: boolean;
  powerState(): Promise<PowerState>;
  /** Asks for a power change and returns once the BMC accepted it (the change itself may take a while). */
  requestPower(request: PowerRequest): Promise<void>;
  /** The boot override the BMC reports, in its own words (`Pxe`, `Hdd`; `Force PXE`). */
  bootOverride(): Promise<string>;
  /** Sets a one-time boot override for the next boot. */
  setBootOnce(device: BootDevice): Promise<void>;
  /**
   * A driver over one connection for a sequence of calls (IPMI: one ipmitool process and session
   * instead of one per call); the caller closes it. Absent when every call is cheap already.
   */
  openSession?(): BmcDriver;
  /** Ends what the driver opened (a Redfish session, kept-alive connections). Never throws. */
  close?(): Promise<void>;
}

/**
 * Why a BMC operation failed:
 * - `unreachable`: no connection (refused, no route, DNS, no answer from an IPMI BMC);
 * - `timeout`: connected but no answer in time;
 * - `server`: the BMC answered with HTTP 5xx;
 * - `auth`: the BMC rejected the credentials;
 * - `tls`: the TLS handshake failed (untrusted or invalid certificate);
 * - `refused`: any other answer that says no (HTTP 4xx, an IPMI completion code, an unknown value);
 * - `settle`: the BMC accepted the request but the power state did not follow in time;
 * - `tool`: a local tool (ipmitool) is missing or failed on its own.
 */
export type BmcErrorKind = "unreachable" | "timeout" | "server" | "auth" | "tls" | "refused" | "settle" | "tool";

/** A failed BMC operation; the message names the BMC in brackets and, for HTTP, the status. */
export class BmcError extends Error {
  override readonly name = "BmcError";
  constructor(
    message: string,
    readonly bmc: string,
    readonly kind: BmcErrorKind,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Whether a failure of the primary BMC lets us try the fallback: it did not answer, or it answered
 * with a server error. Rejected credentials, 4xx and TLS failures do not: the first two would fail
 * on the fallback as well, and falling back on a bad certificate would let anyone who can break TLS
 * push us onto unencrypted IPMI.
 */
export function allowsFallback(e: unknown): e is BmcError {
  return e instanceof BmcError && (e.kind === "unreachable" || e.kind === "timeout" || e.kind === "server");
}
