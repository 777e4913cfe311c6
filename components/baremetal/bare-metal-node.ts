/** One server's bare-metal lifecycle: powered on through its BMC (Redfish, IPMI fallback) by a local command. */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

/** BMC credentials. Both are Pulumi secrets; they reach the command only through its environment. */
export interface BmcCredentials {
  readonly username: pulumi.Input<string>;
  readonly password: pulumi.Input<string>;
}

/** Arguments of a {@link BareMetalNode}. */
export interface BareMetalNodeArgs {
  /** Hostname from the ledger. */
  readonly hostname: string;
  /** BMC URL (`redfish://…` or `ipmi://…`). */
  readonly bmcUrl: string;
  /** Fallback BMC URL, tried when the first does not answer. @default undefined (no fallback) */
  readonly fallbackUrl?: string;
  /** Credentials for the BMC. */
  readonly credentials: BmcCredentials;
  /**
   * The `gigafactory` command line to run, as argv words. It lands in state, so it should name
   * nothing machine-specific (e.g. `node bin/gigafactory.js`, relative to the project directory).
   */
  readonly cli: readonly string[];
}

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `gigafactory bmc power <state>` command line for a node. */
export function powerCommand(cli: readonly string[], state: "on" | "off", bmcUrl: string, fallbackUrl?: string): string {
  const words = [...cli, "bmc", "power", state, "--bmc", bmcUrl, ...(fallbackUrl ? ["--fallback", fallbackUrl] : [])];
  return words.map(shellQuote).join(" ");
}

/**
 * A bare-metal node. Creating it powers the server on; deleting it powers it off. The command's
 * output is kept secret in state, and the credentials travel only as secret environment variables.
 * `protect` in `opts` passes to the command: a protected node is never powered off by a destroy.
 */
export class BareMetalNode extends pulumi.ComponentResource {
  readonly power: command.local.Command;

  constructor(name: string, args: BareMetalNodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:baremetal:BareMetalNode", name, { hostname: args.hostname, bmcUrl: args.bmcUrl, fallbackUrl: args.fallbackUrl }, opts);
    this.power = new command.local.Command(
      `${name}-power`,
      {
        create: powerCommand(args.cli, "on", args.bmcUrl, args.fallbackUrl),
        // A new password or command line changes the command or its environment: power on in
        // place (idempotent) rather than replace, which would run the old `off` after the new `on`.
        update: powerCommand(args.cli, "on", args.bmcUrl, args.fallbackUrl),
        delete: powerCommand(args.cli, "off", args.bmcUrl, args.fallbackUrl),
        environment: { BMC_USERNAME: pulumi.secret(args.credentials.username), BMC_PASSWORD: pulumi.secret(args.credentials.password) },
        triggers: [args.bmcUrl, args.fallbackUrl ?? ""],
      },
      // A new BMC address does replace the command: power the node off through the old BMC first.
      {
        parent: this,
        ...(opts?.protect !== undefined ? { protect: opts.protect } : {}),
        additionalSecretOutputs: ["stdout", "stderr"],
        deleteBeforeReplace: true,
      },
    );
    this.registerOutputs({ hostname: args.hostname, bmcUrl: args.bmcUrl, powerResult: this.power.stdout });
  }
}
