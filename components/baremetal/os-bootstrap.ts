/**
 * One node's OS bootstrap over SSH: the role's script (rendered by `model/baremetal/bootstrap/`)
 * copied to the node with `command:remote:CopyToRemote`, then run with `command:remote:Command`.
 * Both are triggered by the script's content hash, so an `up` with nothing changed runs nothing,
 * and the script itself installs only what differs. The private key and the join secrets are
 * Pulumi secrets: the key travels in the connection, the token and CA hash on the command's stdin,
 * never in the script, a file or the command line.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { renderBootstrap } from "../../model/baremetal/bootstrap/bundle";
import { bootstrapScriptPath } from "../../model/baremetal/bootstrap/defaults";
import type { BootstrapNode } from "../../model/baremetal/bootstrap/node";
import { joinStdin, renderBootstrapScript, scriptHash } from "../../model/baremetal/bootstrap/script";
import { shellLine } from "../../model/baremetal/bootstrap/shell";

/** How the bootstrap reaches a node over SSH. */
export interface SshAccess {
  /** The user to log in as; the script installs system files, so root. @default "root" */
  readonly user?: string;
  /** The private key (OpenSSH or PEM), a Pulumi secret. */
  readonly privateKey: pulumi.Input<string>;
  /** The SSH port. @default 22 */
  readonly port?: number;
}

/** What the Kubernetes layer hands over for a node to join its cluster (read through a StackReference). */
export interface JoinInputs {
  /** `host:port` of the API server. */
  readonly apiServerEndpoint: pulumi.Input<string>;
  /** `sha256:<hex>` of the cluster CA's public key, a Pulumi secret. */
  readonly caCertHash: pulumi.Input<string>;
  /** The bootstrap token, a Pulumi secret. */
  readonly token: pulumi.Input<string>;
}

/** Arguments of an {@link OsBootstrap}. */
export interface OsBootstrapArgs {
  /** The node's facts from the ledger (`inventory/bootstrap-nodes.ts`); SSH reaches it at its in-band address. */
  readonly node: BootstrapNode;
  readonly ssh: SshAccess;
  /** The node's SSH host key pinned in the inventory. @default undefined (recorded on first use and checked after) */
  readonly hostKey?: string;
  /** The join inputs; without them the node is configured but does not join. @default undefined */
  readonly join?: JoinInputs;
  /** `apply` on real hardware; `render` installs the files under `root` and records the commands instead (see script.ts). @default "apply" */
  readonly mode?: "apply" | "render";
  /** Where render mode installs the node's files. @default "/" */
  readonly root?: string;
}

/** Checks the arguments before anything is created; throws naming the node and the field. */
export function checkOsBootstrapArgs(args: OsBootstrapArgs): void {
  const mode = args.mode ?? "apply";
  const root = args.root ?? "/";
  if (!root.startsWith("/")) throw new Error(`node [${args.node.hostname}] bootstrap root should be an absolute path; got "${root}"`);
  if (mode === "apply" && root !== "/") throw new Error(`node [${args.node.hostname}] bootstrap in apply mode installs into / only; got root "${root}"`);
}

/** A node's OS bootstrap over SSH. */
export class OsBootstrap extends pulumi.ComponentResource {
  /** The content hash of the node's script: its trigger. */
  readonly scriptHash: pulumi.Output<string>;
  readonly copy: command.remote.CopyToRemote;
  readonly run: command.remote.Command;

  constructor(name: string, args: OsBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:baremetal:OsBootstrap", name, { hostname: args.node.hostname, role: args.node.role }, opts);
    checkOsBootstrapArgs(args);
    const mode = args.mode ?? "apply";
    const root = args.root ?? "/";
    const endpoint = args.join ? pulumi.output(args.join.apiServerEndpoint) : pulumi.output(undefined as string | undefined);
    // A Kubernetes stack that exports no join inputs yet gives empty values: configure the node without joining.
    const script = endpoint.apply((e) => renderBootstrapScript(renderBootstrap(args.node, e ? { apiServerEndpoint: e } : undefined)));
    this.scriptHash = script.apply(scriptHash);
    const connection = {
      host: args.node.inBandIp,
      port: args.ssh.port ?? 22,
      user: args.ssh.user ?? "root",
      privateKey: pulumi.secret(args.ssh.privateKey),
      ...(args.hostKey !== undefined ? { hostKey: args.hostKey } : {}),
    };
    const path = bootstrapScriptPath(root);
    this.copy = new command.remote.CopyToRemote(
      `${name}-script`,
      { connection, source: script.apply((s) => new pulumi.asset.StringAsset(s)), remotePath: path, triggers: [this.scriptHash] },
      { parent: this },
    );
    const line = shellLine(["sh", path, "--mode", mode, "--root", root]);
    const join = args.join;
    this.run = new command.remote.Command(
      `${name}-run`,
      {
        connection,
        create: line,
        update: line,
        ...(join ? { stdin: pulumi.secret(pulumi.all([join.token, join.caCertHash]).apply(([token, ca]) => (token && ca ? joinStdin(token, ca) : ""))) } : {}),
        addPreviousOutputInEnv: false,
        triggers: [this.scriptHash],
      },
      { parent: this, dependsOn: [this.copy] },
    );
    this.registerOutputs({ hostname: args.node.hostname, scriptHash: this.scriptHash, report: this.run.stdout });
  }
}
