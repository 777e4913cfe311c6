/** One server of the bare-metal layer: its {@link BareMetalHost}, and (next) the OS bootstrap that depends on it. */
import * as pulumi from "@pulumi/pulumi";
import { BareMetalHost, type BareMetalHostArgs } from "./bare-metal-host";

export type { BmcCredentials } from "./bare-metal-host";

/** Arguments of a {@link BareMetalNode}: its host's. */
export type BareMetalNodeArgs = BareMetalHostArgs;

/**
 * A bare-metal node. Creating it provisions the server through its BMC; deleting it deprovisions
 * (graceful shutdown, then ForceOff). `protect` in `opts` passes to the host: a protected node is
 * never deleted, so never powered off, by a destroy.
 */
export class BareMetalNode extends pulumi.ComponentResource {
  /** The node's hostname from the ledger. */
  readonly hostname: string;
  readonly host: BareMetalHost;

  constructor(name: string, args: BareMetalNodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:baremetal:BareMetalNode", name, { hostname: args.hostname, bmcUrl: args.bmcUrl, fallbackUrl: args.fallbackUrl }, opts);
    this.hostname = args.hostname;
    this.host = new BareMetalHost(`${name}-host`, args, { parent: this, ...(opts?.protect !== undefined ? { protect: opts.protect } : {}) });
    this.registerOutputs({ hostname: this.host.hostname, inBandAddress: this.host.inBandAddress, state: this.host.state, powerState: this.host.powerState });
  }
}
