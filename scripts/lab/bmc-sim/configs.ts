/** The configuration files of the simulators, as pure functions of the node's layout. */
import type { Credentials } from "../../../bmc/bmc";

/** What a sushy-emulator (Redfish, fake driver) needs to know about its node. */
export interface RedfishSimConfig {
  readonly node: string;
  readonly address: string;
  readonly port: number;
  /** The Redfish system id the emulator serves. */
  readonly systemId: string;
  readonly poweredOn: boolean;
  /** The MACs of the machine's network ports, one per port its blueprint has. */
  readonly macs: readonly string[];
  /** The htpasswd file (bcrypt) of the basic authentication. */
  readonly htpasswd: string;
  /** Where the fake driver keeps its state (power, boot device) across restarts. */
  readonly stateDir: string;
  /** Serve HTTPS with this certificate and key (PEM files). @default undefined (plain HTTP) */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

/** What an ipmi_sim needs to know about its node. */
export interface IpmiSimConfig {
  readonly node: string;
  readonly address: string;
  readonly port: number;
  /** The shell command ipmi_sim runs to read and set the chassis (power, boot device). */
  readonly chassisCommand: string;
  readonly credentials: Credentials;
  /** 32 hex digits: the BMC's GUID. */
  readonly guid: string;
}

/** sushy-emulator's Python configuration file. */
export function redfishConfig(c: RedfishSimConfig): string {
  const systems = [{ uuid: c.systemId, name: c.node, power_state: c.poweredOn ? "On" : "Off", nics: c.macs.map((mac) => ({ mac })) }];
  return [
    `# sushy-emulator for ${c.node}: written by scripts/lab/bmc-sim.ts at every start.`,
    "import json",
    `SUSHY_EMULATOR_LISTEN_IP = ${JSON.stringify(c.address)}`,
    `SUSHY_EMULATOR_LISTEN_PORT = ${c.port}`,
    "SUSHY_EMULATOR_FAKE_DRIVER = True",
    // The fake driver names a system by its "uuid": that is the id in /redfish/v1/Systems/<id>.
    `SUSHY_EMULATOR_FAKE_SYSTEMS = json.loads(${JSON.stringify(JSON.stringify(systems))})`,
    `SUSHY_EMULATOR_AUTH_FILE = ${JSON.stringify(c.htpasswd)}`,
    // One state directory per emulator: the default, /tmp/sushy-emulator, is shared by all.
    `SUSHY_EMULATOR_STATE_DIR = ${JSON.stringify(c.stateDir)}`,
    ...(c.tls === undefined
      ? []
      : [`SUSHY_EMULATOR_SSL_CERT = ${JSON.stringify(c.tls.certFile)}`, `SUSHY_EMULATOR_SSL_KEY = ${JSON.stringify(c.tls.keyFile)}`]),
    "",
  ].join("\n");
}

/**
 * ipmi_sim's lan.conf: one LAN channel on the node's address, RMCP+ (cipher suite 3) and MD5 for
 * IPMI 1.5, one admin user, the chassis handed to `chassisCommand`. It holds the password in
 * clear, as ipmi_sim needs it: write it with mode 600.
 */
export function ipmiLanConf(c: IpmiSimConfig): string {
  return [
    `# ipmi_sim for ${c.node}: written by scripts/lab/bmc-sim.ts at every start (lab-only credentials).`,
    `name "${c.node}"`,
    "set_working_mc 0x20",
    "  startlan 1",
    `    addr ${c.address} ${c.port}`,
    "    priv_limit admin",
    "    allowed_auths_callback md5",
    "    allowed_auths_user md5",
    "    allowed_auths_operator md5",
    "    allowed_auths_admin md5",
    `    guid ${c.guid}`,
    "  endlan",
    `  chassis_control "${c.chassisCommand}"`,
    `  user 2 true "${c.credentials.username}" "${c.credentials.password}" admin 10 md5`,
    "",
  ].join("\n");
}

/** ipmi_sim's startup commands: one BMC at IPMB address 0x20. */
export const IPMI_EMU = ["mc_setbmc 0x20", "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02", "mc_enable 0x20", ""].join("\n");

/** A locally administered MAC for node `index` on loopback net `a.b.c`: 52:54:00:7f:<c>:<index>. */
export function labMac(net: string, index: number, port = 0): string {
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  return `52:54:${hex(port)}:7f:${hex(Number(net.split(".")[2]))}:${hex(index)}`;
}
