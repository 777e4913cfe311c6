/**
 * An IPMI-over-LAN BMC through `ipmitool -I lanplus`. The password reaches ipmitool only through
 * the `IPMI_PASSWORD` environment variable (`-E`), so it never appears in a process listing; the
 * child gets no other variable of ours.
 */
import { spawn } from "node:child_process";
import { effectivePort, formatBmcUrl, type IpmiUrl } from "../model/bmc-url";
import { IpmiShell } from "./ipmi-shell";
import { BmcError, type BmcDriver, type BootDevice, type Credentials, type PowerRequest, type PowerState } from "./bmc";

/** Options of an {@link IpmiClient}. */
export interface IpmiOptions {
  /** Timeout of one ipmitool run, in milliseconds. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** RMCP+ cipher suite (`-C`); 3 is HMAC-SHA1 with AES-128, which every IPMI 2.0 BMC offers. @default 3 */
  readonly cipherSuite?: number;
  /** How many times ipmitool resends a request the BMC did not answer (`-R`); one second each (`-N 1`). @default 2 */
  readonly retries?: number;
  /** The ipmitool executable. @default "ipmitool" */
  readonly ipmitool?: string;
}

/** What one ipmitool run (or one command of an ipmitool shell) printed. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** ipmitool's word for each power request (`chassis power …`). */
export const POWER_ARGS: Record<PowerRequest, string> = { on: "on", off: "off", "graceful-off": "soft" };

/** One BMC reached over IPMI 2.0 (RMCP+). */
export class IpmiClient implements BmcDriver {
  readonly protocol = "ipmi" as const;
  /** `chassis power on` to a node that is on (or `off` to one that is off) is a no-op. */
  readonly idempotentPower = true;
  readonly url: string;
  private readonly timeoutMs: number;
  private readonly baseArgs: readonly string[];
  private readonly tool: string;

  constructor(
    target: IpmiUrl,
    private readonly credentials: Credentials,
    options: IpmiOptions = {},
  ) {
    this.url = formatBmcUrl(target);
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.tool = options.ipmitool ?? "ipmitool";
    // -v makes ipmitool say why a session failed (bad password, unknown user, no answer); -N/-R keep
    // a silent BMC from holding us for long.
    const suite = String(options.cipherSuite ?? 3);
    const retries = String(options.retries ?? 2);
    this.baseArgs = [
      "-v",
      "-I",
      "lanplus",
      "-C",
      suite,
      "-H",
      target.host,
      "-p",
      String(effectivePort(target)),
      "-U",
      credentials.username,
      "-E",
      "-N",
      "1",
      "-R",
      retries,
    ];
  }

  /**
   * One `ipmitool shell` for a sequence of calls: one process and one RMCP+ session instead of one
   * of each per call (a power on's read, request and read-back). The caller closes it.
   */
  openSession(): IpmiShell {
    return new IpmiShell(this.url, this.tool, [...this.baseArgs, "shell"], this.credentials, this.timeoutMs);
  }

  async powerState(): Promise<PowerState> {
    return parsePowerState(this.url, await this.run("chassis", "power", "status"));
  }

  async requestPower(request: PowerRequest): Promise<void> {
    await this.run("chassis", "power", POWER_ARGS[request]);
  }

  async bootOverride(): Promise<string> {
    return parseBootOverride(this.url, await this.run("chassis", "bootparam", "get", "5"));
  }

  async setBootOnce(device: BootDevice): Promise<void> {
    await this.run("chassis", "bootdev", device);
  }

  /** Sets a one-time PXE boot in UEFI mode (`chassis bootdev pxe options=efiboot`). */
  async setPxeOnceUefi(): Promise<void> {
    await this.run("chassis", "bootdev", "pxe", "options=efiboot");
  }

  /** The boot flags (parameter 5) as ipmitool prints them. */
  async bootFlags(): Promise<string> {
    return this.run("chassis", "bootparam", "get", "5");
  }

  /** What `fru print 0` says about the board, product and chassis. */
  async fru(): Promise<string> {
    return this.run("fru", "print", "0");
  }

  /** Runs ipmitool with the session arguments and `command`; returns stdout or throws a {@link BmcError}. */
  private async run(...command: string[]): Promise<string> {
    const what = command.join(" ");
    const r = await this.spawn([...this.baseArgs, ...command]);
    if (r.code === 0) return r.stdout;
    throw ipmiFailure(this.url, what, r);
  }

  private spawn(args: readonly string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.tool, args, {
        stdio: ["ignore", "pipe", "pipe"],
        env: ipmitoolEnv(this.credentials),
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
      child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new BmcError(
            `BMC [${this.url}] did not answer "${args.slice(this.baseArgs.length).join(" ")}" within ${this.timeoutMs / 1000} s`,
            this.url,
            "timeout",
          ),
        );
      }, this.timeoutMs);
      child.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(toolMissing(this.url, this.tool, e));
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }
}

/** The power state in what `chassis power status` printed. */
export function parsePowerState(url: string, out: string): PowerState {
  const m = /Chassis Power is (on|off)/i.exec(out);
  if (!m) throw new BmcError(`BMC [${url}] gave an unreadable power status: ${firstLine(out)}`, url, "refused");
  return m[1]!.toLowerCase() as PowerState;
}

/** The boot device selector in what `chassis bootparam get 5` printed. */
export function parseBootOverride(url: string, out: string): string {
  const m = /Boot Device Selector\s*:\s*(.+)/.exec(out);
  if (!m) throw new BmcError(`BMC [${url}] gave unreadable boot flags: ${firstLine(out)}`, url, "refused");
  return m[1]!.trim();
}

/** The environment of every ipmitool child: the password in `IPMI_PASSWORD` (read with `-E`), no other variable of ours. */
export function ipmitoolEnv(credentials: Credentials): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", IPMI_PASSWORD: credentials.password };
}

/** The error when ipmitool itself could not start. */
export function toolMissing(url: string, tool: string, e: NodeJS.ErrnoException): BmcError {
  const message =
    e.code === "ENOENT"
      ? `cannot reach BMC [${url}]: ${tool} is not installed (apt-get install -y ipmitool)`
      : `cannot reach BMC [${url}]: ${tool} failed to start: ${e.message}`;
  return new BmcError(message, url, "tool");
}

/** The error for a failed ipmitool run or shell command `what`: rejected credentials, no answer, or a refusal in ipmitool's words. */
export function ipmiFailure(url: string, what: string, r: Run): BmcError {
  const auth = reason(r.stderr, /RAKP 2 HMAC is invalid|RAKP 2 message indicates an error/);
  if (auth) return new BmcError(`BMC [${url}] rejected the credentials (${auth})`, url, "auth");
  const silent = reason(r.stderr, /Get Auth Capabilities error|No response from remote controller/);
  if (silent) return new BmcError(`BMC [${url}] is unreachable: no IPMI answer (${silent})`, url, "unreachable");
  return new BmcError(`BMC [${url}] refused "${what}": ${lastLine(r.stderr) || firstLine(r.stdout) || `ipmitool exited with ${r.code}`}`, url, "refused");
}

/** The first line of `text` matching `pattern`, trimmed. */
function reason(text: string, pattern: RegExp): string | undefined {
  return text
    .split("\n")
    .map((l) => l.replace(/^>\s*/, "").trim())
    .find((l) => pattern.test(l))
    ?.replace(/^RAKP 2 message indicates an error : /, "RAKP 2: ");
}

/** The last meaningful line of ipmitool's diagnostics (skipping its -v chatter). */
function lastLine(text: string): string {
  const chatter =
    /^(Loading IANA PEN Registry|Running Get VSO Capabilities|Discovered IPMB address|Invalid completion code received: Invalid command$|Error: Unable to establish IPMI v2)/;
  const lines = text
    .split("\n")
    .map((l) => l.replace(/^>\s*/, "").trim())
    .filter((l) => l !== "" && !chatter.test(l));
  return lines[lines.length - 1] ?? "";
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
