/**
 * A Redfish BMC: read a system's PowerState, reset it, set a one-time boot override, and read or
 * change any resource for inspection and boot (bmc/redfish-inspect.ts, bmc/redfish-boot.ts).
 *
 * - HTTP through {@link HttpTransport}: TLS per BMC (its CA bundle, or `insecure` for this BMC only),
 *   same-origin redirects for reads only, bounded retries, one deadline per attempt.
 * - Authentication: a session from the SessionService (`X-Auth-Token`, deleted by {@link close});
 *   basic authentication when the BMC offers no SessionService. An expired token is renewed once.
 * - PATCH carries `If-Match` with the ETag from the header or `@odata.etag`; a 412 re-reads once.
 * - An action answered 202 with a Location is a task monitor, polled to completion.
 * - Every error names the BMC and the operation; no secret reaches its text.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { effectivePort, formatBmcUrl, systemPath, transport, type RedfishUrl } from "../model/bmc-url";
import { BmcError, type BmcDriver, type BootDevice, type Credentials, type PowerRequest, type PowerState } from "./bmc";
import { HttpTransport, type HttpOptions, type HttpReply, type HttpRequest } from "./http";
import type { BmcTls } from "./provisioning";
import { redfishMessage } from "./redfish-message";
import { Scrubber } from "./scrub";

export { redfishMessage } from "./redfish-message";

/** Options of a {@link RedfishClient}. */
export interface RedfishOptions {
  /** Deadline of each HTTP attempt (connect, headers, body), in milliseconds. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** How this BMC's certificate is trusted. @default verified against the system's roots */
  readonly tls?: BmcTls;
  /** `session`: a SessionService session, basic authentication when there is none; `basic`: basic only. @default "session" */
  readonly auth?: "session" | "basic";
  /** Retries and backoff of the transport. @default {@link HttpOptions} defaults */
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly maxRetryAfterMs?: number;
  /** How long a task monitor may run, in milliseconds. @default 120000 */
  readonly taskTimeoutMs?: number;
  /** How often a task monitor is polled when it names no Retry-After, in milliseconds. @default 1000 */
  readonly taskPollMs?: number;
}

/** The path of the SessionService's sessions (fixed by the Redfish specification). */
export const SESSIONS_PATH = "/redfish/v1/SessionService/Sessions";

const RESET_TYPES: Record<PowerRequest, string> = { on: "On", off: "ForceOff", "graceful-off": "GracefulShutdown" };
const BOOT_TARGETS: Record<BootDevice, string> = { pxe: "Pxe", disk: "Hdd" };
const POWER_STATES: Record<string, PowerState> = { On: "on", Off: "off", PoweringOn: "powering-on", PoweringOff: "powering-off" };
const TASK_RUNNING = new Set(["New", "Starting", "Running", "Pending", "Suspended", "Stopping", "Interrupted", "Service"]);
const TASK_FAILED = new Set(["Exception", "Killed", "Cancelled"]);

/** A JSON object as a BMC sent it. */
export type RedfishObject = Readonly<Record<string, unknown>>;

/** A resource read from the BMC, with its ETag (header, else `@odata.etag`). */
export interface RedfishResource {
  readonly body: RedfishObject;
  readonly etag: string | undefined;
}

/** The parts of a ComputerSystem resource we read. */
interface ComputerSystem {
  readonly PowerState?: unknown;
  readonly Boot?: { readonly BootSourceOverrideTarget?: unknown };
  readonly Actions?: Record<string, { readonly target?: unknown; readonly "ResetType@Redfish.AllowableValues"?: unknown } | undefined>;
}

interface Session {
  readonly token: string;
  readonly location: string | undefined;
}

/** One Redfish system behind one BMC. */
export class RedfishClient implements BmcDriver {
  readonly protocol = "redfish" as const;
  readonly url: string;
  private readonly http: HttpTransport;
  private readonly scrubber = new Scrubber();
  private readonly basic: string;
  private session: Promise<Session | undefined> | undefined;

  constructor(
    private readonly target: RedfishUrl,
    private readonly credentials: Credentials,
    private readonly options: RedfishOptions = {},
  ) {
    this.url = formatBmcUrl(target);
    const host = target.host.includes(":") ? `[${target.host}]` : target.host;
    const b64 = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64");
    this.basic = `Basic ${b64}`;
    for (const s of [credentials.password, b64, `${credentials.username}:${credentials.password}`]) this.scrubber.add(s);
    const http: HttpOptions = {
      ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.backoffMs === undefined ? {} : { backoffMs: options.backoffMs }),
      ...(options.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: options.maxRetryAfterMs }),
    };
    this.http = new HttpTransport(new URL(`${transport(target)}://${host}:${effectivePort(target)}`), this.url, this.scrubber, http);
  }

  /** The system path the URL names (`/redfish/v1/Systems/<id>`). */
  get systemPath(): string {
    return systemPath(this.target);
  }

  async powerState(): Promise<PowerState> {
    const raw = (await this.system()).PowerState;
    const state = typeof raw === "string" ? POWER_STATES[raw] : undefined;
    if (!state) throw this.fail(`reported an unknown PowerState ${JSON.stringify(raw)}`, "refused");
    return state;
  }

  async requestPower(request: PowerRequest): Promise<void> {
    const resetType = RESET_TYPES[request];
    const action = (await this.system()).Actions?.["#ComputerSystem.Reset"];
    const allowed = action?.["ResetType@Redfish.AllowableValues"];
    if (Array.isArray(allowed) && !allowed.includes(resetType)) {
      throw this.fail(`does not offer ResetType ${resetType}; it offers ${allowed.join(", ")}`, "refused");
    }
    await this.post(typeof action?.target === "string" ? action.target : `${this.systemPath}/Actions/ComputerSystem.Reset`, { ResetType: resetType });
  }

  async bootOverride(): Promise<string> {
    const target = (await this.system()).Boot?.BootSourceOverrideTarget;
    if (typeof target !== "string") throw this.fail("reported no Boot.BootSourceOverrideTarget", "refused");
    return target;
  }

  async setBootOnce(device: BootDevice): Promise<void> {
    await this.patch(this.systemPath, { Boot: { BootSourceOverrideTarget: BOOT_TARGETS[device], BootSourceOverrideEnabled: "Once" } });
  }

  /** Deletes the session, if one was opened, and closes the connections. Never throws. */
  async close(): Promise<void> {
    const session = await this.session?.catch(() => undefined);
    this.session = undefined;
    if (session?.location !== undefined) {
      await this.http
        .send({ method: "DELETE", path: session.location, headers: { ...this.baseHeaders(), "X-Auth-Token": session.token } })
        .catch(() => undefined);
    }
    this.http.close();
  }

  /** GETs a resource; a link elsewhere than this BMC's origin is refused. */
  async get(path: string): Promise<RedfishResource> {
    const reply = await this.call({ method: "GET", path: this.localPath(path) });
    const body = this.json(reply, `GET ${path}`);
    const header = reply.headers.etag;
    const odata = body["@odata.etag"];
    return { body, etag: typeof header === "string" ? header : typeof odata === "string" ? odata : undefined };
  }

  /** POSTs an action; a 202 with a Location is a task monitor, polled until the task ends. */
  async post(path: string, body: unknown): Promise<void> {
    const op = `POST ${path}`;
    const reply = await this.call({ method: "POST", path: this.localPath(path), headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    await this.completion(op, reply);
  }

  /** PATCHes a resource with `If-Match` (the ETag just read); a 412 re-reads and tries once more. */
  async patch(path: string, body: unknown): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const { etag } = await this.get(path);
      const headers: Record<string, string> = { "Content-Type": "application/json", ...(etag === undefined ? {} : { "If-Match": etag }) };
      const reply = await this.call({ method: "PATCH", path: this.localPath(path), headers, body: JSON.stringify(body) }, attempt === 0 ? [412] : []);
      if (reply.status === 412) continue;
      await this.completion(`PATCH ${path}`, reply);
      return;
    }
  }

  /** A BmcError naming this BMC, scrubbed. */
  fail(what: string, kind: BmcError["kind"], status?: number): BmcError {
    return new BmcError(this.scrubber.scrub(`BMC [${this.url}] ${what}`), this.url, kind, status);
  }

  private async system(): Promise<ComputerSystem> {
    return (await this.get(this.systemPath)).body as ComputerSystem;
  }

  /** Sends with authentication; throws a BmcError for any status but 2xx (and those in `pass`). */
  private async call(req: HttpRequest, pass: readonly number[] = []): Promise<HttpReply> {
    let auth = await this.authHeaders(req);
    let reply = await this.http.send({ ...req, headers: { ...this.baseHeaders(), ...auth, ...req.headers } });
    if (reply.status === 401 && "X-Auth-Token" in auth) {
      // The session expired or the BMC dropped it: one new session, one more try.
      this.session = undefined;
      auth = await this.authHeaders(req);
      reply = await this.http.send({ ...req, headers: { ...this.baseHeaders(), ...auth, ...req.headers } });
    }
    if ((reply.status >= 200 && reply.status < 300) || pass.includes(reply.status)) return reply;
    throw this.httpError(`${req.method} ${req.path}`, reply);
  }

  private baseHeaders(): Record<string, string> {
    return { Accept: "application/json", "OData-Version": "4.0" };
  }

  private async authHeaders(req: HttpRequest): Promise<Record<string, string>> {
    if (this.options.auth === "basic" || req.path === SESSIONS_PATH) return { Authorization: this.basic };
    this.session ??= this.login().catch((e: unknown) => {
      this.session = undefined;
      throw e;
    });
    const s = await this.session;
    return s === undefined ? { Authorization: this.basic } : { "X-Auth-Token": s.token };
  }

  /** Opens a session; undefined when the BMC has no SessionService (basic authentication then). */
  private async login(): Promise<Session | undefined> {
    const body = JSON.stringify({ UserName: this.credentials.username, Password: this.credentials.password });
    // Basic credentials too: a BMC without a SessionService may guard every path, and must say 404, not 401.
    const headers = { ...this.baseHeaders(), Authorization: this.basic, "Content-Type": "application/json" };
    const reply = await this.http.send({ method: "POST", path: SESSIONS_PATH, headers, body });
    const token = reply.headers["x-auth-token"];
    if (reply.status >= 200 && reply.status < 300 && typeof token === "string" && token !== "") {
      this.scrubber.add(token);
      const odataId = (safeJson(reply.text) as { "@odata.id"?: unknown } | undefined)?.["@odata.id"];
      const location = typeof reply.headers.location === "string" ? reply.headers.location : typeof odataId === "string" ? odataId : undefined;
      return { token, location: location === undefined ? undefined : this.localPath(location) };
    }
    if ([400, 404, 405, 501].includes(reply.status) || (reply.status >= 200 && reply.status < 300)) return undefined;
    throw this.httpError(`POST ${SESSIONS_PATH}`, reply);
  }

  /** Waits for a task monitor (202 + Location) to finish; a failed task is an error naming it. */
  private async completion(op: string, reply: HttpReply): Promise<void> {
    const location = reply.headers.location;
    if (reply.status !== 202 || typeof location !== "string") return;
    const monitor = this.localPath(location);
    const deadline = Date.now() + (this.options.taskTimeoutMs ?? 120_000);
    for (;;) {
      const r = await this.call({ method: "GET", path: monitor });
      const task = (safeJson(r.text) ?? {}) as { TaskState?: unknown; Messages?: { Message?: unknown }[] };
      const state = typeof task.TaskState === "string" ? task.TaskState : undefined;
      if (state !== undefined && TASK_FAILED.has(state)) {
        const said = (task.Messages ?? []).map((m) => m.Message).filter((m): m is string => typeof m === "string");
        throw this.fail(`ran ${op} as task ${monitor}, which ended ${state}${said.length > 0 ? `: ${said.join("; ")}` : ""}`, "refused");
      }
      if (r.status !== 202 && (state === undefined || !TASK_RUNNING.has(state))) return;
      if (Date.now() > deadline) throw this.fail(`ran ${op} as task ${monitor}, still ${state ?? "running"} after the timeout`, "timeout");
      const after = Number(r.headers["retry-after"]);
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 10_000) : (this.options.taskPollMs ?? 1_000));
    }
  }

  /** The path of a link on this BMC; a link to another origin is refused, never followed. */
  localPath(link: string): string {
    const u = new URL(link, this.http.origin);
    if (u.origin !== this.http.origin.origin) throw this.fail(`linked to ${u.origin}, another origin; not followed`, "refused");
    return `${u.pathname}${u.search}`;
  }

  private json(reply: HttpReply, op: string): RedfishObject {
    const parsed = safeJson(reply.text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw this.fail(`answered ${op} with something other than a JSON object (HTTP ${reply.status})`, "refused", reply.status);
    }
    return parsed as RedfishObject;
  }

  private httpError(op: string, reply: HttpReply): BmcError {
    const status = `HTTP ${reply.status}${reply.statusText ? ` ${reply.statusText}` : ""}`;
    // A Redfish error's message, else the first line of a short plain-text body (some BMCs answer so).
    const plain = /^[^{<]/.test(reply.text.trim()) ? reply.text.trim().split("\n")[0]!.slice(0, 200) : "";
    const said = redfishMessage(reply.text) ?? plain;
    const suffix = said ? `: ${said.slice(0, 300)}` : "";
    if (reply.status === 401 || reply.status === 403) return this.fail(`rejected the credentials on ${op} (${status}${suffix})`, "auth", reply.status);
    return this.fail(`answered ${op} with ${status}${suffix}`, reply.status >= 500 ? "server" : "refused", reply.status);
  }
}

function safeJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
