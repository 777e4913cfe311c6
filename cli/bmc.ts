/**
 * `gigafactory bmc`: power, one-time boot (a device, or a boot source: virtual media, UEFI HTTP) and
 * hardware inspection of a node through its BMC (Redfish, with an IPMI or Redfish fallback). Power
 * and boot print one JSON line; inspect prints
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
import { bootFrom, inspect, type BmcTls, type BootSource } from "../bmc/provisioning";
import { imageUrlProblem } from "../model/baremetal/boot-source";
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

/** Options of `bmc boot`: a boot source instead of a device. */
export interface BmcBootOptions extends BmcOptions {
  /** Insert this image as virtual media and boot from it once (Redfish). */
  readonly virtualMedia?: string;
  /** Boot once over UEFI HTTP, from this URL when one is given (`true`: the firmware's own). */
  readonly uefiHttp?: string | true;
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

/** `gigafactory bmc boot [device] [--virtual-media URL | --uefi-http [URL]]`: no printing, no exiting. */
export async function bmcBoot(device: BootDevice | undefined, options: BmcBootOptions, env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const choice = bootChoice(device, options);
  const target = targetOf(options);
  const credentials = credentialsFromEnv(env);
  const tls = tlsOf(options);
  if ("device" in choice) return outcome(() => bootOnce(choice.device, target, credentials, tls));
  return outcome(() => bootFrom(choice.source, target, credentials, tls));
}

/** What `bmc boot` boots from: exactly one of a device, `--virtual-media URL` or `--uefi-http [URL]`. */
function bootChoice(device: BootDevice | undefined, options: BmcBootOptions): { device: BootDevice } | { source: BootSource } {
  const given = [device, options.virtualMedia !== undefined ? "--virtual-media" : undefined, options.uefiHttp !== undefined ? "--uefi-http" : undefined];
  const named = given.filter((g): g is string => g !== undefined);
  if (named.length === 0) throw new UsageError("say what to boot from: a device (pxe | disk), --virtual-media URL or --uefi-http [URL]");
  if (named.length > 1) throw new UsageError(`boot from one source at a time, not ${named.join(" and ")}`);
  if (device !== undefined) return { device };
  if (options.virtualMedia !== undefined) return { source: { kind: "virtual-media", imageUrl: checkedUrl("--virtual-media", options.virtualMedia) } };
  if (options.uefiHttp === true) return { source: { kind: "uefi-http" } };
  return { source: { kind: "uefi-http", url: checkedUrl("--uefi-http", options.uefiHttp!) } };
}

function checkedUrl(flag: string, url: string): string {
  const problem = imageUrlProblem(url);
  if (problem !== undefined) throw new UsageError(`${flag}: ${problem}`);
  return url;
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
