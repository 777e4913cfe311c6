/** A {@link FaultProxy} in front of the first simulated Redfish BMC of a test's site, over HTTPS with the site's lab CA. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SimulatedSite } from "../../scripts/lab/bmc-sim";
import { issueCertificate, labCa } from "../../scripts/lab/bmc-sim/tls";
import { FaultProxy, type ProxyOptions } from "../helpers/fault-proxy";

/** The running proxy, its BMC URL for a system path, and the CA bundle that trusts it. */
export interface ProxiedBmc {
  readonly proxy: FaultProxy;
  /** `redfish://host:port/redfish/v1/Systems/<id>` (the site's system id unless given). */
  url(systemId?: string): string;
  readonly caBundle: string;
}

/** Registers hooks that run a proxy on `host` (a loopback address of the site's net) in front of the site's first BMC; rules and log are cleared after each test. */
export function useProxy(site: () => SimulatedSite, host: string, options: Partial<ProxyOptions> = {}): () => ProxiedBmc {
  let bmc: ProxiedBmc | undefined;
  before(async () => {
    const s = site();
    if (!s.ca) throw new Error("useProxy needs a site started with https");
    const cert = issueCertificate(labCa(join(s.dir, "bmc", "ca")), host);
    const upstream = new URL(s.bmcs[0]!.redfish.replace(/^redfish:/, "https:"));
    const proxy = await FaultProxy.start({
      host,
      upstream: upstream.origin,
      upstreamCa: s.ca.caBundle,
      tls: { cert: readFileSync(cert.certFile, "utf8"), key: readFileSync(cert.keyFile, "utf8") },
      ...options,
    });
    const systemId = upstream.pathname.split("/").pop()!;
    bmc = { proxy, caBundle: s.ca.caBundle, url: (id = systemId) => `redfish://${host}:${new URL(proxy.origin).port}/redfish/v1/Systems/${id}` };
  });
  afterEach(() => bmc?.proxy.reset());
  after(async () => {
    await bmc?.proxy.close();
  });
  return () => {
    if (!bmc) throw new Error("the fault proxy did not start");
    return bmc;
  };
}
