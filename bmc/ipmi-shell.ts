/**
 * One `ipmitool … shell` over a pipe: a sequence of IPMI calls to one BMC (read the power, ask for
 * a change, poll until it follows) in one process and one RMCP+ session, where one ipmitool run
 * per call costs a process start and a session handshake each. The password reaches ipmitool
 * only through `IPMI_PASSWORD` (`-E`), as in {@link IpmiClient}; the errors are the same kinds with
 * the same words.
 *
 * Each command is followed by `echo <marker>`: what ipmitool printed up to the marker is that
 * command's answer. The shell reports no exit status per command, so each call names the line that
 * means success (`Chassis Power Control: …`); anything else is a refusal in ipmitool's words. A
 * session that cannot be opened ends the process before the first marker: rejected credentials and
 * a silent BMC read as they do from a single run. {@link IpmiShell.close} sends `exit`, which closes
 * the session on the BMC (BMCs have few session slots), and kills the process only when it lingers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { BmcError, type BmcDriver, type BootDevice, type Credentials, type PowerRequest, type PowerState } from "./bmc";
import { ipmiFailure, ipmitoolEnv, parseBootOverride, parsePowerState, POWER_ARGS, toolMissing, type Run } from "./ipmi";

/** How long {@link IpmiShell.close} waits for ipmitool to close the session before it kills it, in milliseconds. */
const EXIT_GRACE_MS = 2_000;

/** The command waiting for its marker. */
interface Pending {
  readonly what: string;
  readonly marker: string;
  readonly resolve: (r: Run) => void;
  readonly reject: (e: BmcError) => void;
}

/** A BMC reached through one long-running ipmitool shell. */
export class IpmiShell implements BmcDriver {
  readonly protocol = "ipmi" as const;
  /** `chassis power on` to a node that is on (or `off` to one that is off) is a no-op. */
  readonly idempotentPower = true;
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> | undefined;
  private stdout = "";
  private stderr = "";
  private pending: Pending | undefined;
  /** Set once the process is gone: every later call fails with it. */
  private failed: BmcError | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private sent = 0;

  constructor(
    readonly url: string,
    private readonly tool: string,
    private readonly args: readonly string[],
    private readonly credentials: Credentials,
    private readonly timeoutMs: number,
  ) {}

  async powerState(): Promise<PowerState> {
    return parsePowerState(this.url, await this.command(["chassis", "power", "status"], /Chassis Power is/i));
  }

  async requestPower(request: PowerRequest): Promise<void> {
    await this.command(["chassis", "power", POWER_ARGS[request]], /Chassis Power Control:/i);
  }

  async bootOverride(): Promise<string> {
    return parseBootOverride(this.url, await this.command(["chassis", "bootparam", "get", "5"], /Boot Device Selector/));
  }

  async setBootOnce(device: BootDevice): Promise<void> {
    await this.command(["chassis", "bootdev", device], /Set Boot Device to/i);
  }

  /** Ends the shell with `exit` (closing the session on the BMC); kills it after a grace period. Never throws. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    this.failed ??= new BmcError(`BMC [${this.url}]: the ipmitool shell is closed`, this.url, "tool");
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end("exit\n");
      const timer = setTimeout(() => child.kill("SIGKILL"), EXIT_GRACE_MS);
      await this.exited;
      clearTimeout(timer);
    }
  }

  /** Runs one shell command after the ones before it; returns its stdout when a line matches `ok`, else throws a {@link BmcError}. */
  private command(words: readonly string[], ok: RegExp): Promise<string> {
    const next = this.queue.then(async () => {
      const what = words.join(" ");
      const r = await this.send(what);
      if (ok.test(r.stdout)) return r.stdout;
      throw ipmiFailure(this.url, what, r);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private send(what: string): Promise<Run> {
    if (this.failed) return Promise.reject(this.failed);
    const child = this.child ?? this.start();
    const marker = `@@gigafactory-${++this.sent}@@`;
    return new Promise<Run>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.fail(new BmcError(`BMC [${this.url}] did not answer "${what}" within ${this.timeoutMs / 1000} s`, this.url, "timeout"));
        reject(this.failed!);
        child.kill("SIGKILL");
      }, this.timeoutMs);
      const done =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          f(v);
        };
      this.pending = { what, marker, resolve: done(resolve), reject: done(reject) };
      child.stdin.write(`${what}\necho ${marker}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(this.tool, this.args, { stdio: ["pipe", "pipe", "pipe"], env: ipmitoolEnv(this.credentials) });
    this.child = child;
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      this.stdout += s;
      this.answer();
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => (this.stderr += s));
    // A shell that died takes the rest of its input with it: writes after that are dropped, not thrown.
    child.stdin.on("error", () => undefined);
    this.exited = new Promise((resolve) => {
      child.on("error", (e: NodeJS.ErrnoException) => {
        this.fail(toolMissing(this.url, this.tool, e));
        resolve();
      });
      child.on("close", (code) => {
        const p = this.pending;
        // The session never opened, or ipmitool died mid-command: judge the command by everything it printed.
        const r = { code, stdout: clean(this.stdout, p?.what), stderr: this.stderr };
        const failure = p === undefined ? undefined : ipmiFailure(this.url, p.what, r);
        this.fail(failure ?? new BmcError(`BMC [${this.url}]: the ipmitool shell ended (${code})`, this.url, "tool"));
        resolve();
      });
    });
    return child;
  }

  /** Resolves the pending command once its marker line arrived. */
  private answer(): void {
    const p = this.pending;
    if (!p) return;
    const at = this.stdout.search(new RegExp(`^${p.marker}\\s*$`, "m"));
    if (at < 0) return;
    const out = this.stdout.slice(0, at);
    this.stdout = this.stdout.slice(this.stdout.indexOf("\n", at) + 1);
    this.pending = undefined;
    // ipmitool wrote the command's diagnostics to stderr before the marker to stdout; the two pipes
    // are read in the same turn of the event loop, so the stderr of this command is in by the next.
    setImmediate(() => {
      const err = this.stderr;
      this.stderr = "";
      p.resolve({ code: 0, stdout: clean(out, p.what), stderr: err });
    });
  }

  /** Remembers why the shell is unusable and rejects the command waiting, if any. */
  private fail(e: BmcError): void {
    this.failed ??= e;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(e);
  }
}

/** ipmitool's answer without the shell's prompts and the echo of the command and marker lines. */
function clean(out: string, what: string | undefined): string {
  return out
    .split("\n")
    .map((l) => l.replace(/^(ipmitool> )+/, ""))
    .filter((l) => l.trim() !== what && !/^echo @@gigafactory-\d+@@$/.test(l.trim()))
    .join("\n");
}
