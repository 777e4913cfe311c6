/**
 * A small fault proxy in front of a real Redfish BMC (sushy-emulator): it forwards every request and,
 * where a rule says so, misbehaves the way real BMCs and networks do: stalls (before the headers or
 * in the middle of a body), resets (at once or after a partial body), 5xx, 429 with Retry-After,
 * 401 echoing the credentials it was sent, redirects (same origin, another origin, https to http).
 *
 * It also adds what sushy-emulator lacks, as documented test behaviour rather than a mock BMC:
 * a SessionService (tokens translated to basic authentication upstream), ETags with If-Match
 * checks, task monitors (202 + Location) for actions, and response rewriting or fixtures (GPUs,
 * memory, PCIe devices: test/fixtures/redfish/). Every request it saw is in {@link FaultProxy.log}.
 */
import { createHash, randomBytes } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";

/** What a rule does to a matching request. */
export type Fault =
  | { readonly kind: "stall" }
  | { readonly kind: "stall-body" }
  | { readonly kind: "reset" }
  | { readonly kind: "slow-reset"; readonly afterMs: number }
  | { readonly kind: "status"; readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: "redirect"; readonly status: number; readonly location: string }
  /** Answers `status` (401 by default) with the Authorization and X-Auth-Token it was sent in the error message. */
  | { readonly kind: "echo-auth"; readonly status?: number }
  | { readonly kind: "task"; readonly polls: number; readonly end: "Completed" | "Exception" };

/** A rule: which requests (method, path) and what happens to them, for how many times. */
export interface Rule {
  readonly method?: string;
  /** Exact path or a pattern. @default every path */
  readonly path?: string | RegExp;
  /** How many matching requests the rule takes. @default Infinity */
  times?: number;
  readonly fault?: Fault;
  /** Rewrites the upstream JSON answer (after forwarding). */
  readonly rewrite?: (body: Record<string, unknown>, path: string) => Record<string, unknown>;
  /** Answers with this JSON (200) without asking upstream: a fixture for what sushy lacks. */
  readonly serve?: (path: string) => unknown;
}

/** One request the proxy saw. */
export interface Logged {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Options of {@link FaultProxy.start}. */
export interface ProxyOptions {
  readonly host: string;
  /** The real BMC's origin, e.g. `https://127.0.30.1:8000`. */
  readonly upstream: string;
  /** CA bundle of the upstream BMC. */
  readonly upstreamCa?: string;
  /** Serve HTTPS with this certificate (PEM). @default plain HTTP */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Offer a SessionService. @default false */
  readonly sessions?: boolean;
  /** Add ETags to JSON answers and check If-Match on PATCH: in the `header`, or as `@odata.etag`. @default none */
  readonly etags?: "header" | "odata";
}

/** The proxy. */
export class FaultProxy {
  readonly rules: Rule[] = [];
  readonly log: Logged[] = [];
  /** Sessions open now (token → basic Authorization), and the ones deleted. */
  readonly sessions = new Map<string, { id: string; basic: string }>();
  readonly deletedSessions: string[] = [];
  /** Every token it handed out (the secret-search tests look for them in what was recorded). */
  readonly issuedTokens: string[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly tasks = new Map<string, { left: number; end: string }>();

  private constructor(
    private readonly server: http.Server,
    private readonly o: ProxyOptions,
  ) {
    server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  /** Starts a proxy on `host`, an ephemeral port. */
  static async start(o: ProxyOptions): Promise<FaultProxy> {
    const server = o.tls ? https.createServer({ cert: o.tls.cert, key: o.tls.key }) : http.createServer();
    const proxy = new FaultProxy(server, o);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => void proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, o.host, resolve));
    return proxy;
  }

  /** `https://host:port` (or http). */
  get origin(): string {
    return `${this.o.tls ? "https" : "http"}://${this.o.host}:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds a rule in front of the others. */
  add(rule: Rule): this {
    this.rules.unshift(rule);
    return this;
  }

  /** Drops the rules and the log (not the sessions). */
  reset(): void {
    this.rules.length = 0;
    this.log.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = req.url ?? "/";
    const method = req.method ?? "GET";
    this.log.push({ method, path, headers: { ...req.headers }, body });
    try {
      if (this.o.sessions && (await this.session(method, path, req, body, res))) return;
      const rule = this.rules.find((r) => (r.times ?? Infinity) > 0 && matches(r, method, path));
      if (rule) rule.times = (rule.times ?? Infinity) - 1;
      if (rule?.fault && this.fault(rule.fault, req, res)) return;
      if (rule?.serve) {
        const served = rule.serve(path);
        return json(res, 200, served, this.etagHeaders(served));
      }
      if (path.startsWith("/redfish/v1/TaskMonitors/")) return this.taskMonitor(path, res);
      const auth = this.upstreamAuth(req);
      if (auth === undefined) return json(res, 401, { error: { message: "no valid session" } });
      if (method === "PATCH" && this.o.etags && !(await this.ifMatchHolds(path, req, auth))) {
        return json(res, 412, { error: { message: "the ETag in If-Match is stale" } });
      }
      const up = await this.forward(method, path, req.headers, body, auth);
      if (rule?.fault?.kind === "task" && up.status < 300) return this.startTask(rule.fault, res);
      this.reply(res, up, rule, path);
    } catch (e) {
      if (!res.headersSent) json(res, 502, { error: { message: `fault proxy: ${(e as Error).message}` } });
    }
  }

  private reply(res: http.ServerResponse, up: Upstream, rule: Rule | undefined, path: string): void {
    let parsed: unknown;
    try {
      parsed = up.text === "" ? undefined : JSON.parse(up.text);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      res.writeHead(up.status, passHeaders(up.headers)).end(up.text);
      return;
    }
    const body = rule?.rewrite ? rule.rewrite(parsed as Record<string, unknown>, path) : (parsed as Record<string, unknown>);
    json(res, up.status, body, up.status < 300 ? this.etagHeaders(body) : {});
  }

  /** The fault; false when the request goes on (a task is answered after forwarding). */
  private fault(f: Fault, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    switch (f.kind) {
      case "stall":
        return true;
      case "stall-body":
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" }).write('{"PowerState": ');
        return true;
      case "reset":
        req.socket.destroy();
        return true;
      case "slow-reset":
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" }).write('{"Id": "1", ');
        setTimeout(() => req.socket.destroy(), f.afterMs);
        return true;
      case "status":
        json(res, f.status, f.body ?? { error: { message: `fault proxy: HTTP ${f.status}` } }, f.headers ?? {});
        return true;
      case "redirect":
        res.writeHead(f.status, { Location: f.location, "Content-Length": "0" }).end();
        return true;
      case "echo-auth":
        json(res, f.status ?? 401, {
          error: { message: `denied; you sent Authorization: ${req.headers.authorization ?? ""} X-Auth-Token: ${req.headers["x-auth-token"] ?? ""}` },
        });
        return true;
      case "task":
        return false;
    }
  }

  private startTask(f: Extract<Fault, { kind: "task" }>, res: http.ServerResponse): void {
    const id = randomBytes(4).toString("hex");
    this.tasks.set(id, { left: f.polls, end: f.end });
    res.writeHead(202, { Location: `/redfish/v1/TaskMonitors/${id}`, "Content-Length": "0" }).end();
  }

  private taskMonitor(path: string, res: http.ServerResponse): void {
    const task = this.tasks.get(path.split("/").pop() ?? "");
    if (!task) return json(res, 404, { error: { message: "no such task" } });
    if (task.left-- > 0) return json(res, 202, { TaskState: "Running" }, { "Retry-After": "0" });
    const messages = task.end === "Exception" ? [{ Message: "the BMC could not apply the action" }] : [];
    json(res, 200, { "@odata.type": "#Task.v1_4_3.Task", TaskState: task.end, Messages: messages });
  }

  /** The SessionService; true when it answered. */
  private async session(method: string, path: string, req: http.IncomingMessage, body: string, res: http.ServerResponse): Promise<boolean> {
    if (method === "POST" && path === "/redfish/v1/SessionService/Sessions") {
      const { UserName, Password } = JSON.parse(body || "{}") as { UserName?: string; Password?: string };
      const basic = `Basic ${Buffer.from(`${UserName}:${Password}`).toString("base64")}`;
      const check = await this.forward("GET", "/redfish/v1/Systems", {}, "", basic);
      if (check.status !== 200) {
        json(res, 401, { error: { message: "Incorrect username or password" } });
        return true;
      }
      const token = randomBytes(16).toString("hex");
      const id = randomBytes(4).toString("hex");
      this.sessions.set(token, { id, basic });
      this.issuedTokens.push(token);
      const location = `/redfish/v1/SessionService/Sessions/${id}`;
      json(res, 201, { "@odata.id": location, Id: id, UserName }, { "X-Auth-Token": token, Location: location });
      return true;
    }
    const m = /^\/redfish\/v1\/SessionService\/Sessions\/([^/]+)$/.exec(path);
    if (method === "DELETE" && m) {
      const token = req.headers["x-auth-token"];
      const s = typeof token === "string" ? this.sessions.get(token) : undefined;
      if (!s || s.id !== m[1]) json(res, 401, { error: { message: "no valid session" } });
      else {
        this.sessions.delete(token as string);
        this.deletedSessions.push(s.id);
        res.writeHead(204).end();
      }
      return true;
    }
    return false;
  }

  /** The Authorization to send upstream: the session's basic credentials, or what the client sent. */
  private upstreamAuth(req: http.IncomingMessage): string | undefined {
    const token = req.headers["x-auth-token"];
    if (typeof token === "string") return this.sessions.get(token)?.basic;
    return req.headers.authorization ?? "";
  }

  private async ifMatchHolds(path: string, req: http.IncomingMessage, auth: string): Promise<boolean> {
    const current = await this.forward("GET", path, {}, "", auth);
    const tag = this.etagOf(JSON.parse(current.text || "{}"));
    return req.headers["if-match"] === tag;
  }

  private etagOf(body: unknown): string {
    const { ["@odata.etag"]: _drop, ...rest } = (body ?? {}) as Record<string, unknown>;
    return `W/"${createHash("sha256").update(JSON.stringify(rest)).digest("hex").slice(0, 16)}"`;
  }

  /** Adds the ETag to a JSON body (odata) or returns it as a header. */
  private etagHeaders(body: unknown): Record<string, string> {
    if (!this.o.etags || typeof body !== "object" || body === null) return {};
    const tag = this.etagOf(body);
    if (this.o.etags === "odata") (body as Record<string, unknown>)["@odata.etag"] = tag;
    return this.o.etags === "header" ? { ETag: tag } : {};
  }

  private forward(method: string, path: string, headers: http.IncomingHttpHeaders, body: string, auth: string): Promise<Upstream> {
    const up = new URL(this.o.upstream);
    const lib = up.protocol === "https:" ? https : http;
    const h: Record<string, string> = { Accept: "application/json", ...(auth ? { Authorization: auth } : {}) };
    if (typeof headers["content-type"] === "string") h["Content-Type"] = headers["content-type"];
    if (body !== "") h["Content-Length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const r = lib.request(new URL(path, up), { method, headers: h, ...(this.o.upstreamCa ? { ca: this.o.upstreamCa } : {}) }, (res) => {
        void readBody(res).then((text) => resolve({ status: res.statusCode ?? 502, headers: res.headers, text }));
      });
      r.on("error", reject);
      r.end(body === "" ? undefined : body);
    });
  }
}

interface Upstream {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

function matches(r: Rule, method: string, path: string): boolean {
  if (r.method !== undefined && r.method !== method) return false;
  if (r.path === undefined) return true;
  return typeof r.path === "string" ? r.path === path : r.path.test(path);
}

function readBody(s: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    s.setEncoding("utf8").on("data", (c: string) => (text += c));
    s.on("end", () => resolve(text));
    s.on("error", () => resolve(text));
  });
}

function passHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["content-type", "location", "retry-after", "etag"]) if (typeof h[k] === "string") out[k] = h[k] as string;
  return out;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)), ...headers }).end(text);
}
