/**
 * `gigafactory bmc`: power, one-time boot device and hardware inspection of a node through its BMC
 * (Redfish, with an IPMI or Redfish fallback). Power and boot print one JSON line; inspect prints
 * the facts as text or JSON. TLS is verified, per BMC: `--ca-bundle FILE` trusts the CA of these
 * BMCs only, `--insecure` skips verification for them only; nothing process-wide changes.
 *
 * Credentials come only from the environment (`BMC_USERNAME`, `BMC_PASSWORD`): never from flags,
 * never printed. Exit codes are decided in `index.ts`: this command hands back Ok, DeviceFailed (the
 * BMC failed: unreachable, rejected the credentials, refused the request) or throws a UsageError.
 */
import { readFileSync } from "node:fs";
import { BmcError, type BootDevice, type Credentials, type PowerAction } from "../bmc/bmc";
import { BmcUrlError, parseBmcUrl, type BmcUrl } from "../model/bmc-url";
import { bootOnce, power, type BmcTarget, type PowerOptions } from "../bmc/power";
import { inspect, type BmcTls } from "../bmc/provisioning";
import { renderHardwareText } from "./reports/hardware";
import type { CommandResult } from "./command-result";
import { ExitCode } from "./exit-codes";
import { UsageError } from "./usage-error";

/** Options shared by `bmc power` and `bmc boot`. */
export interface BmcOptions {
  /** The BMC URL to try first. */
  readonly bmc: string;
  /** The BMC URL to try when the first is unreachable or answers 5xx. */
  readonly fallback?: string;
  /** PEM file of the CA that signs these BMCs' certificates. */
  readonly caBundle?: string;
  /** Skip certificate verification for these BMCs. */
  readonly insecure?: boolean;
}

/** Options of `bmc inspect`. */
export interface BmcInspectOptions extends BmcOptions {
  readonly format: "text" | "json";
}

/** Options of `bmc power`. */
export interface BmcPowerOptions extends BmcOptions {
  /** Power off with an orderly OS shutdown instead of cutting power. */
  readonly graceful?: boolean;
  /** Seconds to wait for the power state to follow. */
  readonly wait: number;
}

/** The environment variables the credentials come from. */
export const BMC_ENV = { username: "BMC_USERNAME", password: "BMC_PASSWORD" } as const;

/** Reads the credentials from the environment; a missing one is a usage error naming the variable. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials {
  const missing = [BMC_ENV.username, BMC_ENV.password].filter((name) => (env[name] ?? "") === "");
  if (missing.length > 0) {
    const names = missing.join(" and ");
    throw new UsageError(
      `${names} ${missing.length === 1 ? "is" : "are"} not set; BMC credentials come only from the environment (${BMC_ENV.username}, ${BMC_ENV.password})`,
    );
  }
  return { username: env[BMC_ENV.username]!, password: env[BMC_ENV.password]! };
}

/** `gigafactory bmc power <action>`: no printing, no exiting. */
export async function bmcPower(action: PowerAction, options: BmcPowerOptions, env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const target = targetOf(options);
  const credentials = credentialsFromEnv(env);
  const tls = tlsOf(options);
  return outcome(() => power(action, target, credentials, { ...tls, graceful: options.graceful === true, settleTimeoutMs: options.wait * 1000 }));
}

/** `gigafactory bmc boot <device>`: no printing, no exiting. */
export async function bmcBoot(device: BootDevice, options: BmcOptions, env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const target = targetOf(options);
  const credentials = credentialsFromEnv(env);
  const tls = tlsOf(options);
  return outcome(() => bootOnce(device, target, credentials, tls));
}

/** `gigafactory bmc inspect`: the node's hardware facts as text or one JSON document. */
export async function bmcInspect(options: BmcInspectOptions, env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const target = targetOf(options);
  const credentials = credentialsFromEnv(env);
  const tls = tlsOf(options);
  try {
    const facts = await inspect(target, credentials, tls);
    return { exitCode: ExitCode.Ok, stdout: options.format === "json" ? `${JSON.stringify(facts, null, 2)}\n` : renderHardwareText(facts) };
  } catch (e) {
    if (e instanceof BmcError) return { exitCode: ExitCode.DeviceFailed, stdout: "", stderr: `error: ${e.message}\n` };
    throw e;
  }
}

/** The TLS trust of the options: a CA bundle read from its file, or insecure; both at once is a usage error. */
function tlsOf(options: BmcOptions): Pick<PowerOptions, "tls"> {
  if (options.caBundle !== undefined && options.insecure === true)
    throw new UsageError("--ca-bundle and --insecure exclude each other: trust the BMC's CA, or (lab only) skip verification");
  if (options.insecure === true) return { tls: { insecure: true } };
  if (options.caBundle === undefined) return {};
  let pem: string;
  try {
    pem = readFileSync(options.caBundle, "utf8");
  } catch (e) {
    throw new UsageError(`--ca-bundle ${options.caBundle} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new UsageError(`--ca-bundle ${options.caBundle} holds no PEM certificate`);
  const tls: BmcTls = { caBundle: pem };
  return { tls };
}

function targetOf(options: BmcOptions): BmcTarget {
  return options.fallback === undefined ? { bmc: url(options.bmc) } : { bmc: url(options.bmc), fallback: url(options.fallback) };
}

function url(address: string): BmcUrl {
  try {
    return parseBmcUrl(address);
  } catch (e) {
    if (e instanceof BmcUrlError) throw new UsageError(e.message);
    throw e;
  }
}

async function outcome(act: () => Promise<object>): Promise<CommandResult> {
  try {
    return { exitCode: ExitCode.Ok, stdout: `${JSON.stringify(await act())}\n` };
  } catch (e) {
    if (e instanceof BmcError) return { exitCode: ExitCode.DeviceFailed, stdout: "", stderr: `error: ${e.message}\n` };
    throw e;
  }
}
