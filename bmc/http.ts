/**
 * HTTP(S) to one BMC, as a Redfish client needs it to be safe against thousands of real BMCs:
 *
 * - TLS per BMC: its CA bundle (added to the system's roots) or, explicitly, no verification for
 *   this BMC only. Each transport has agents of its own; nothing process-wide changes.
 * - One deadline per attempt covering connect, headers and body: a reply whose body stalls is a
 *   timeout, so the caller can try the fallback BMC.
 * - Redirects: followed only for GET and HEAD, only to the same origin (so never from https to http).
 *   A POST, PATCH or DELETE that is redirected is never re-sent.
 * - Retries, bounded, with exponential backoff: 429 and 503 (the BMC did not act) for every method,
 *   honouring Retry-After; other 5xx and connection resets only for idempotent methods. A POST goes
 *   out on a fresh connection, so a stale kept-alive socket never makes it ambiguous.
 * - Errors name the BMC and the operation, and go through the caller's {@link Scrubber}.
 */
import * as http from "node:http";
import * as https from "node:https";
import { rootCertificates } from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { BmcError } from "./bmc";
import type { BmcTls } from "./provisioning";
import { redfishMessage } from "./redfish-message";
import type { Scrubber } from "./scrub";

/** Options of an {@link HttpTransport}. */
export interface HttpOptions {
  /** Deadline of one attempt (connect, headers and the whole body), in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /** How this BMC's certificate is trusted. @default verified against the system's roots */
  readonly tls?: BmcTls;
  /** Retries after the first attempt, for the failures that allow one. @default 2 */
  readonly retries?: number;
  /** First backoff, doubled at each retry (with up to 50 % jitter). @default 250 */
  readonly backoffMs?: number;
  /** The longest Retry-After we wait for; a longer one fails at once. @default 10000 */
  readonly maxRetryAfterMs?: number;
  /** The largest body we read. @default 8 MiB */
  readonly maxBodyBytes?: number;
}

/** One HTTP answer, body read in full. */
export interface HttpReply {
  readonly status: number;
  readonly statusText: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The path that answered (after same-origin redirects). */
  readonly path: string;
}

/** What to send. */
export interface HttpRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Absolute path on the BMC's origin (`/redfish/v1/...`). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Methods a retry cannot make act twice. PATCH counts: we always send whole values, guarded by If-Match. */
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "PATCH"]);
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "EADDRNOTAVAIL"]);
const RESET = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET"]);
const MAX_REDIRECTS = 5;

/** A failed attempt, before it becomes a {@link BmcError}: what kind, and whether a retry is allowed. */
class Attempt extends Error {
  constructor(
    message: string,
    readonly kind: BmcError["kind"],
    readonly retry: "any" | "idempotent" | "never",
    readonly status?: number,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

/** HTTP(S) to one BMC origin. */
export class HttpTransport {
  private readonly keptAlive: http.Agent;
  private readonly fresh: http.Agent;
  private readonly timeoutMs: number;
  private readonly o: Required<Omit<HttpOptions, "tls" | "timeoutMs">>;

  /**
   * @param origin `https://host:port` or `http://host:port`
   * @param bmc the BMC's URL, as errors name it
   */
  constructor(
    readonly origin: URL,
    private readonly bmc: string,
    private readonly scrubber: Scrubber,
    options: HttpOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.o = {
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 250,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
    };
    const tls = options.tls ?? {};
    const make = (keepAlive: boolean): http.Agent =>
      origin.protocol === "https:"
        ? new https.Agent({
            keepAlive,
            maxSockets: 4,
            rejectUnauthorized: tls.insecure !== true,
            ...(tls.caBundle === undefined ? {} : { ca: [...rootCertificates, tls.caBundle] }),
          })
        : new http.Agent({ keepAlive, maxSockets: 4 });
    this.keptAlive = make(true);
    this.fresh = make(false);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.keptAlive.destroy();
    this.fresh.destroy();
  }

  /** Sends `req` with redirects, retries and the deadline; an HTTP error status is returned, not thrown (only 3xx, 429 and 5xx are handled here). */
  async send(req: HttpRequest): Promise<HttpReply> {
    const op = `${req.method} ${req.path}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await this.followRedirects(req);
        const retry = retryOf(req.method, reply);
        if (retry === undefined) return reply;
        throw retry;
      } catch (e) {
        const a = e instanceof Attempt ? e : this.transportFailure(op, e);
        const allowed = a.retry === "any" || (a.retry === "idempotent" && IDEMPOTENT.has(req.method));
        if (!allowed || attempt >= this.o.retries) throw this.error(op, a, attempt);
        const backoff = this.o.backoffMs * 2 ** attempt * (1 + Math.random() / 2);
        const wait = a.waitMs ?? backoff;
        if (wait > this.o.maxRetryAfterMs) throw this.error(op, a, attempt, ` and asked us to retry after ${Math.round(wait / 1000)} s`);
        await sleep(wait);
      }
    }
  }

  private error(op: string, a: Attempt, attempt: number, extra = ""): BmcError {
    const tries = attempt > 0 ? ` (after ${attempt + 1} attempts)` : "";
    const message = this.scrubber.scrub(`BMC [${this.bmc}] ${a.message.replace("{op}", op)}${extra}${tries}`);
    return new BmcError(message, this.bmc, a.kind, a.status);
  }

  private async followRedirects(req: HttpRequest): Promise<HttpReply> {
    let path = req.path;
    for (let hop = 0; ; hop++) {
      const reply = await this.once({ ...req, path });
      const location = reply.headers.location;
      if (reply.status < 300 || reply.status >= 400 || reply.status === 304 || location === undefined) return reply;
      const next = new URL(location, new URL(path, this.origin));
      if (next.origin !== this.origin.origin) {
        const why = this.origin.protocol === "https:" && next.protocol === "http:" ? "from https to plain http" : `to another origin (${next.origin})`;
        throw new Attempt(`answered {op} with HTTP ${reply.status}, a redirect ${why}; not followed`, "refused", "never", reply.status);
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        throw new Attempt(`answered {op} with HTTP ${reply.status}, a redirect; a ${req.method} is never re-sent`, "refused", "never", reply.status);
      }
      if (hop >= MAX_REDIRECTS) throw new Attempt(`redirected {op} more than ${MAX_REDIRECTS} times`, "refused", "never", reply.status);
      path = `${next.pathname}${next.search}`;
    }
  }

  /** One request and its whole body, under one deadline. */
  private once(req: HttpRequest): Promise<HttpReply> {
    const lib = this.origin.protocol === "https:" ? https : http;
    const agent = IDEMPOTENT.has(req.method) ? this.keptAlive : this.fresh;
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(req.body));
    return new Promise<HttpReply>((resolve, reject) => {
      const r = lib.request(new URL(req.path, this.origin), { method: req.method, headers, agent });
      // Why we cut the request short ourselves; wins over whatever error the cut surfaces as.
      let reason: Attempt | undefined;
      let settled = false;
      const cut = (a: Attempt) => {
        reason = a;
        r.destroy(a);
        fail(a);
      };
      const timer = setTimeout(() => cut(new Attempt(`did not answer {op} within ${this.timeoutMs / 1000} s`, "timeout", "never")), this.timeoutMs);
      const fail = (e: unknown) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(reason ?? e);
      };
      r.on("error", fail);
      r.on("response", (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > this.o.maxBodyBytes) cut(new Attempt(`answered {op} with a body larger than ${this.o.maxBodyBytes} bytes`, "refused", "never"));
          else chunks.push(c);
        });
        res.on("error", fail);
        res.on("aborted", () => fail(Object.assign(new Error("the connection closed before the body ended"), { code: "ECONNRESET" })));
        res.on("end", () => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers, text, path: req.path });
        });
      });
      r.end(req.body);
    });
  }

  private transportFailure(op: string, e: unknown): Attempt {
    const err = e as NodeJS.ErrnoException;
    const code = typeof err.code === "string" ? err.code : "";
    if (/^ERR_(SSL|TLS)_|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|DEPTH_ZERO|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME/.test(code)) {
      // Node adds advice about the system's CA store; ours is the BMC's CA bundle in the inventory.
      const detail = err.message.replace(/; if the root CA is installed locally.*$/s, "");
      return new Attempt(`failed the TLS handshake on {op}: ${detail}`, "tls", "never");
    }
    if (NOT_SENT.has(code)) return new Attempt(`is unreachable: ${err.message}`, "unreachable", "never");
    if (code === "ETIMEDOUT") return new Attempt(`did not accept a connection for {op} within the timeout: ${err.message}`, "timeout", "never");
    if (RESET.has(code) || /socket hang up/.test(err.message)) {
      return new Attempt(`reset the connection during {op}: ${err.message}`, "unreachable", "idempotent");
    }
    void op;
    return new Attempt(`is unreachable: ${err.message}`, "unreachable", "never");
  }
}

/** Whether an answer calls for a retry: 429 and 503 for any method (the BMC did not act), other 5xx for idempotent ones. */
function retryOf(method: string, reply: HttpReply): Attempt | undefined {
  const said = redfishMessage(reply.text);
  const status = `HTTP ${reply.status}${reply.statusText ? ` ${reply.statusText}` : ""}${said ? `: ${said}` : ""}`;
  if (reply.status === 429 || reply.status === 503) {
    return new Attempt(
      `answered {op} with ${status}`,
      reply.status === 429 ? "refused" : "server",
      "any",
      reply.status,
      retryAfterMs(reply.headers["retry-after"]),
    );
  }
  if (reply.status >= 500 && IDEMPOTENT.has(method)) return new Attempt(`answered {op} with ${status}`, "server", "idempotent", reply.status);
  return undefined;
}

/** Retry-After in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
