/** A fake of the BMC client calls the lifecycle uses: simulated nodes in memory, every call recorded. */
import { BmcError, type Credentials, type PowerAction, type PowerState } from "../../bmc/bmc";
import type { BmcTarget, PowerResult } from "../../bmc/power";
import type { BootSource, HardwareFacts, ProvisioningOptions } from "../../bmc/provisioning";
import type { ExpectedHardware } from "../../model/baremetal/expected-hardware";
import { matchBlueprint } from "../../provider/blueprint-check";
import type { HostInputs } from "../../provider/host-inputs";
import type { BmcCalls } from "../../provider/lifecycle";

/** One simulated machine behind a BMC URL. */
export interface FakeNode {
  power: PowerState;
  /** What inspection reports. */
  gpus: number;
  /** Errors to throw, by operation (`status`, `on`, `off`, `inspect`, `boot`). */
  fail?: Partial<Record<string, BmcError>>;
  /** The machine ignores a graceful shutdown (no OS answering ACPI). */
  ignoresGraceful?: boolean;
}

/** A call as the fake saw it. */
export interface FakeCall {
  readonly op: string;
  readonly bmc: string;
  readonly options?: ProvisioningOptions;
}

export class FakeBmcs {
  readonly nodes = new Map<string, FakeNode>();
  readonly log: FakeCall[] = [];
  /** The credentials every BMC accepts. */
  credentials: Credentials = { username: "admin", password: "old-s3cret" };
  /** Called inside every power action (`on`/`off`), to observe what runs at once. */
  during?: (bmc: string) => Promise<void>;

  add(bmc: string, node: Partial<FakeNode> = {}): FakeNode {
    const n: FakeNode = { power: "off", gpus: 1, ...node };
    this.nodes.set(bmc, n);
    return n;
  }

  /** The power and boot actions logged (not the status reads). */
  actions(): string[] {
    return this.log.filter((c) => !["status", "inspect"].includes(c.op)).map((c) => `${c.op} ${c.bmc}`);
  }

  readonly calls: BmcCalls = {
    power: async (action: PowerAction, target: BmcTarget, c: Credentials, options: ProvisioningOptions): Promise<PowerResult> => {
      const { bmc, node } = this.reach(target, c, action === "off" && options.graceful ? "graceful-off" : action, options);
      const before = node.power;
      if (action === "status") return { bmc, protocol: "redfish", action, before, after: before, changed: false };
      if (before === action) return { bmc, protocol: "redfish", action, before, after: before, changed: false };
      await this.during?.(bmc);
      if (action === "off" && options.graceful && node.ignoresGraceful) {
        throw new BmcError(`BMC [${bmc}] accepted power off but still reports on after ${options.settleTimeoutMs! / 1000} s`, bmc, "settle");
      }
      node.power = action;
      return { bmc, protocol: "redfish", action, before, after: action, changed: true };
    },
    inspect: async (target: BmcTarget, c: Credentials, options: ProvisioningOptions): Promise<HardwareFacts> => {
      const { bmc, node } = this.reach(target, c, "inspect", options);
      const accelerators = Array.from({ length: node.gpus }, (_, i) => ({ id: `GPU_${i}`, model: "NVIDIA SIM" }));
      return {
        bmc,
        source: "redfish",
        systemId: "System.Embedded.1",
        serialNumber: "SN-0001",
        accelerators,
        nics: [{ id: "nic1", mac: "aa:bb:cc:dd:ee:01", speedGbps: 100 }],
      };
    },
    bootFrom: async (source: BootSource, target: BmcTarget, c: Credentials, options: ProvisioningOptions) => {
      const { bmc } = this.reach(target, c, `boot ${source.kind}`, options);
      return { bmc, protocol: "redfish", source: source.kind, changed: true, mode: "uefi" };
    },
    matchBlueprint: (facts: HardwareFacts, expected: ExpectedHardware) => matchBlueprint(facts, expected),
  };

  private reach(target: BmcTarget, c: Credentials, op: string, options: ProvisioningOptions): { bmc: string; node: FakeNode } {
    const bmc = String(target.bmc);
    this.log.push({ op, bmc, options });
    const node = this.nodes.get(bmc);
    if (!node) throw new BmcError(`BMC [${bmc}] is unreachable: connect ECONNREFUSED`, bmc, "unreachable");
    const failure = node.fail?.[op.split(" ")[0]!];
    if (failure) throw failure;
    if (c.username !== this.credentials.username || c.password !== this.credentials.password) {
      throw new BmcError(`BMC [${bmc}] rejected the credentials (HTTP 401 Unauthorized)`, bmc, "auth", 401);
    }
    return { bmc, node };
  }
}

/** A host's inputs for the fake, with the credentials wrapped as the engine sends a secret. */
export function hostInputs(n: number, overrides: Partial<HostInputs> = {}, password = "old-s3cret"): HostInputs {
  return {
    hostname: `lab-1-h1-r001-n0${n}`,
    inBandAddress: `10.1.0.${n}`,
    bmcUrl: `redfish://10.0.0.${n}/redfish/v1/Systems/1`,
    credentials: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: { username: "admin", password } },
    feeds: ["lab-1-h1-r001/feed-1", "lab-1-h1-r001/feed-2"],
    parallelism: { total: 64, perFeed: 4 },
    expected: { id: "lab-node", accelerator: { model: "SIM", count: 1 }, rails: 1, railSpeedGbps: 100, storagePorts: 2 },
    boot: { kind: "pxe" },
    ...overrides,
  };
}
