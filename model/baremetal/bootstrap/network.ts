/** systemd-networkd configuration of a node's interfaces from the ledger's addresses. Pure. */
import type { BootstrapNode, NodeInterface } from "./node";
import type { RenderedFile } from "./rendered";

const PURPOSE: Record<NodeInterface["network"], string> = {
  management: "in-band management network",
  storage: "storage fabric",
  rail: "compute fabric",
};

/** The `.network` file of one interface: a static address, no DHCP, no router advertisements. */
export function networkFile(hostname: string, nic: NodeInterface, order: number): RenderedFile {
  const what = nic.network === "rail" ? `${PURPOSE.rail}, rail ${nic.rail}` : PURPOSE[nic.network];
  return {
    path: `/etc/systemd/network/${10 + order}-${nic.name}.network`,
    mode: "644",
    content: [
      `# Rendered by gigafactory from the ledger: ${hostname}, ${what}.`,
      "[Match]",
      `Name=${nic.name}`,
      "",
      "[Link]",
      `MTUBytes=${nic.mtu}`,
      "",
      "[Network]",
      `Address=${nic.address}/${nic.prefix}`,
      "DHCP=no",
      "LinkLocalAddressing=no",
      "IPv6AcceptRA=no",
      "",
    ].join("\n"),
  };
}

/** Every interface's `.network` file, management first. */
export function networkFiles(node: BootstrapNode): RenderedFile[] {
  return node.interfaces.map((nic, i) => networkFile(node.hostname, nic, i));
}
