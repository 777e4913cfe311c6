/** chrony's configuration from the site's time servers. Pure. */
import type { RenderedFile } from "./rendered";

/** `/etc/chrony/chrony.conf`: the servers with iburst, step the clock only at start, keep the RTC in sync. */
export function chronyConfig(hostname: string, servers: readonly string[]): RenderedFile {
  return {
    path: "/etc/chrony/chrony.conf",
    mode: "644",
    content: [
      `# Rendered by gigafactory: time sync of ${hostname}.`,
      ...servers.map((s) => `server ${s} iburst`),
      "driftfile /var/lib/chrony/chrony.drift",
      "makestep 1.0 3",
      "rtcsync",
      "",
    ].join("\n"),
  };
}
