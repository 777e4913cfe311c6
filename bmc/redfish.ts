/**
 * A Redfish BMC through Node's global `fetch`: read a system's PowerState, reset it, and set a
 * one-time boot override. Basic authentication; every request carries a timeout.
 *
 * TLS is verified: a BMC with a self-signed certificate is trusted by adding its CA through
 * `NODE_EXTRA_CA_CERTS`, never by turning verification off.
 */
import { formatBmcUrl, effectivePort, systemPath, transport, type RedfishUrl } from "../model/bmc-url";
import { BmcError, type BmcDriver, type BootDevice, type Credentials, type PowerRequest, type PowerState } from "./bmc";

/** Options of a {@link RedfishClient}. */
export interface RedfishOptions {
  /** Timeout of each HTTP request, in milliseconds. @default 10000 */
  readonly requestTimeoutMs?: number;
}

const RESET_TYPES: Record<PowerRequest, string> = { on: "On", off: "ForceOff", "graceful-off": "GracefulShutdown" };
const BOOT_TARGETS: Record<BootDevice, string> = { pxe: "Pxe", disk: "Hdd" };
const POWER_STATES: Record<string, PowerState> = { On: "on", Off: "off", PoweringOn: "powering-on", PoweringOff: "powering-off" };

/** The parts of a ComputerSystem resource we read. */
interface ComputerSystem {
  readonly PowerState?: unknown;
  readonly Boot?: { readonly BootSourceOverrideTarget?: unknown };
  readonly Actions?: Record<string, { readonly target?: unknown; readonly "ResetType@Redfish.AllowableValues"?: unknown } | undefined>;
}

interface Answer {
  readonly body: unknown;
  readonly etag: string | null;
}

/** One Redfish system behind one BMC. */
export class RedfishClient implements BmcDriver {
  readonly protocol = "redfish" as const;
  readonly url: string;
  private readonly origin: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly target: RedfishUrl,
    credentials: Credentials,
    options: RedfishOptions = {},
  ) {
    this.url = formatBmcUrl(target);
    const host = target.host.includes(":") ? `[${target.host}]` : target.host;
    this.origin = `${transport(target)}://${host}:${effectivePort(target)}`;
    this.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  async powerState(): Promise<PowerState> {
    const system = await this.system();
    const raw = system.body.PowerState;
    const state = typeof raw === "string" ? POWER_STATES[raw] : undefined;
    if (!state) throw new BmcError(`BMC [${this.url}] reported an unknown PowerState ${JSON.stringify(raw)}`, this.url, "refused");
    return state;
  }

  async requestPower(request: PowerRequest): Promise<void> {
    const resetType = RESET_TYPES[request];
    const { body } = await this.system();
    const action = body.Actions?.["#ComputerSystem.Reset"];
    const allowed = action?.["ResetType@Redfish.AllowableValues"];
    if (Array.isArray(allowed) && !allowed.includes(resetType)) {
      throw new BmcError(`BMC [${this.url}] does not offer ResetType ${resetType}; it offers ${allowed.join(", ")}`, this.url, "refused");
    }
    const path = typeof action?.target === "string" ? action.target : `${systemPath(this.target)}/Actions/ComputerSystem.Reset`;
    await this.request("POST", path, { ResetType: resetType });
  }

  async bootOverride(): Promise<string> {
    const target = (await this.system()).body.Boot?.BootSourceOverrideTarget;
    if (typeof target !== "string") throw new BmcError(`BMC [${this.url}] reported no Boot.BootSourceOverrideTarget`, this.url, "refused");
    return target;
  }

  async setBootOnce(device: BootDevice): Promise<void> {
    const { etag } = await this.system();
    const boot = { Boot: { BootSourceOverrideTarget: BOOT_TARGETS[device], BootSourceOverrideEnabled: "Once" } };
    await this.request("PATCH", systemPath(this.target), boot, etag === null ? {} : { "If-Match": etag });
  }

  private async system(): Promise<{ body: ComputerSystem; etag: string | null }> {
    const answer = await this.request("GET", systemPath(this.target));
    if (typeof answer.body !== "object" || answer.body === null) {
      throw new BmcError(`BMC [${this.url}] answered GET ${systemPath(this.target)} with something other than a JSON object`, this.url, "refused");
    }
    return { body: answer.body as ComputerSystem, etag: answer.etag };
  }

  private async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}${path}`, {
        method,
        headers: {
          Authorization: this.authorization,
          Accept: "application/json",
          "OData-Version": "4.0",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw this.transportError(method, path, e);
    }
    const text = await response.text().catch(() => "");
    if (!response.ok) throw this.httpError(method, path, response, text);
    let parsed: unknown;
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BmcError(
          `BMC [${this.url}] answered ${method} ${path} with HTTP ${response.status} and a body that is not JSON`,
          this.url,
          "refused",
          response.status,
        );
      }
    }
    return { body: parsed, etag: response.headers.get("etag") };
  }

  private transportError(method: string, path: string, e: unknown): BmcError {
    const err = e as Error & { cause?: { code?: unknown; message?: unknown } };
    if (err.name === "TimeoutError" || err.name === "AbortError") {
      return new BmcError(`BMC [${this.url}] did not answer ${method} ${path} within ${this.timeoutMs / 1000} s`, this.url, "timeout");
    }
    const code = typeof err.cause?.code === "string" ? err.cause.code : "";
    const detail = typeof err.cause?.message === "string" ? err.cause.message : err.message;
    if (/^ERR_(SSL|TLS)_|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
      return new BmcError(`BMC [${this.url}] failed the TLS handshake: ${detail}`, this.url, "tls");
    }
    if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
      return new BmcError(`BMC [${this.url}] did not accept a connection within the timeout: ${detail}`, this.url, "timeout");
    }
    return new BmcError(`BMC [${this.url}] is unreachable: ${detail}`, this.url, "unreachable");
  }

  private httpError(method: string, path: string, response: Response, text: string): BmcError {
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    const said = redfishMessage(text);
    const suffix = said ? `: ${said}` : "";
    if (response.status === 401 || response.status === 403) {
      return new BmcError(`BMC [${this.url}] rejected the credentials (${status}${suffix})`, this.url, "auth", response.status);
    }
    const kind = response.status >= 500 ? "server" : "refused";
    return new BmcError(`BMC [${this.url}] answered ${method} ${path} with ${status}${suffix}`, this.url, kind, response.status);
  }
}

/** The human message of a Redfish error body (`error.message`, else the first extended message). */
export function redfishMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = (body as { error?: { message?: unknown; "@Message.ExtendedInfo"?: unknown } } | null)?.error;
  if (typeof error?.message === "string" && error.message !== "") return error.message;
  const info = error?.["@Message.ExtendedInfo"];
  const first = Array.isArray(info) ? (info[0] as { Message?: unknown } | undefined) : undefined;
  return typeof first?.Message === "string" ? first.Message : undefined;
}
