/** What the OS bootstrap of a site's nodes reads from the inventory: each node's role, time servers, pinned SSH host keys. */
import { Type, type Static } from "@sinclair/typebox";
import { NonEmpty, OneOf, Strict } from "./common";

/** The role a node is bootstrapped for; a blueprint names it (GPU trays and servers are GPU workers). */
export const NodeRole = OneOf(["gpu-worker", "storage", "control-plane"] as const, {
  description: "what the OS bootstrap configures this blueprint's nodes as: gpu-worker (the default), storage or control-plane",
  default: "gpu-worker",
});
export type NodeRole = Static<typeof NodeRole>;

/** A host name or IPv4 address of a time server. */
export const TimeServer = Type.String({ pattern: "^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$", description: "NTP server: host name or IPv4 address" });

/** An SSH public host key as OpenSSH writes it (`ssh-ed25519 AAAA…`), without a comment. */
export const HostKey = Type.String({
  pattern: "^(ssh-ed25519|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|ssh-rsa) [A-Za-z0-9+/]+={0,2}$",
  description: "OpenSSH public host key: algorithm and base64 key",
});

/** The OS bootstrap settings of a site; every field is optional. */
export const OsBootstrapSettings = Strict({
  timeServers: Type.Optional(NonEmpty(TimeServer, "NTP servers for chrony; default: model/baremetal/bootstrap/defaults.ts (DEFAULT_TIME_SERVERS)")),
  hostKeys: Type.Optional(
    Type.Record(Type.String({ pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }), HostKey, {
      description: "SSH host keys pinned per node hostname; a node without one has its key recorded on first use and checked after",
    }),
  ),
});
export type OsBootstrapSettings = Static<typeof OsBootstrapSettings>;
