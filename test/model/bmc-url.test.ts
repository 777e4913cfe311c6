/** BMC URLs: the Metal3 forms we accept, exact errors for the ones we refuse, and the round trip. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadFleet } from "../../inventory/load";
import {
  bmcEndpointUrl,
  bmcUrl,
  BmcUrlError,
  effectivePort,
  formatBmcUrl,
  IPMI_PORT,
  parseBmcUrl,
  transport,
  type BmcEndpoint,
  type BmcUrl,
} from "../../model/bmc-url";
import { NORDIC_FLEET } from "../helpers/fleet-fixture";

describe("BMC URLs", () => {
  describe("valid forms", () => {
    const cases: [string, BmcUrl, number][] = [
      [
        "redfish://bmc-r012-n07.kef.example/redfish/v1/Systems/1",
        { protocol: "redfish", scheme: "redfish", host: "bmc-r012-n07.kef.example", systemId: "1" },
        443,
      ],
      [
        "redfish+https://10.20.0.7:8443/redfish/v1/Systems/System.Embedded.1",
        { protocol: "redfish", scheme: "redfish+https", host: "10.20.0.7", port: 8443, systemId: "System.Embedded.1" },
        8443,
      ],
      [
        "redfish+http://127.0.10.1:8000/redfish/v1/Systems/1",
        { protocol: "redfish", scheme: "redfish+http", host: "127.0.10.1", port: 8000, systemId: "1" },
        8000,
      ],
      [
        "redfish+http://[fd00:10::7]/redfish/v1/Systems/437XR1138R2",
        { protocol: "redfish", scheme: "redfish+http", host: "fd00:10::7", systemId: "437XR1138R2" },
        80,
      ],
      ["ipmi://10.20.0.7", { protocol: "ipmi", scheme: "ipmi", host: "10.20.0.7" }, 623],
      ["ipmi://127.0.10.1:6230/", { protocol: "ipmi", scheme: "ipmi", host: "127.0.10.1", port: 6230 }, 6230],
      ["IPMI://BMC.Example", { protocol: "ipmi", scheme: "ipmi", host: "bmc.example" }, 623],
    ];
    for (const [text, parsed, port] of cases) {
      it(`parses ${text}`, () => {
        const url = parseBmcUrl(text);
        assert.deepEqual(url, parsed);
        assert.equal(effectivePort(url), port);
      });
    }

    it("reads redfish:// as HTTPS and redfish+http:// as plain HTTP", () => {
      assert.equal(transport(parseBmcUrl("redfish://h/redfish/v1/Systems/1") as Extract<BmcUrl, { protocol: "redfish" }>), "https");
      assert.equal(transport(parseBmcUrl("redfish+http://h/redfish/v1/Systems/1") as Extract<BmcUrl, { protocol: "redfish" }>), "http");
    });
  });

  describe("refused forms, with exact messages", () => {
    const cases: [string, string][] = [
      ["bmc.example", "BMC address [bmc.example] should be a URL like redfish://host/redfish/v1/Systems/<id> or ipmi://host[:port]"],
      [
        "idrac-redfish://h/redfish/v1/Systems/1",
        'BMC address [idrac-redfish://h/redfish/v1/Systems/1] has the unsupported scheme "idrac-redfish"; use one of: redfish, redfish+http, redfish+https, ipmi',
      ],
      [
        "redfish://admin:hunter2@h/redfish/v1/Systems/1",
        "BMC address [redfish://***@h/redfish/v1/Systems/1] should not carry credentials; set BMC_USERNAME and BMC_PASSWORD instead",
      ],
      ["redfish://h/redfish/v1/Systems/1?expand=1", "BMC address [redfish://h/redfish/v1/Systems/1?expand=1] should have no query or fragment"],
      ["redfish://h", 'BMC address [redfish://h] should name a system as /redfish/v1/Systems/<id> (got "")'],
      [
        "redfish://h/redfish/v1/Chassis/1",
        'BMC address [redfish://h/redfish/v1/Chassis/1] should name a system as /redfish/v1/Systems/<id> (got "/redfish/v1/Chassis/1")',
      ],
      [
        "redfish://h/redfish/v1/Systems/1/",
        'BMC address [redfish://h/redfish/v1/Systems/1/] should name a system as /redfish/v1/Systems/<id> (got "/redfish/v1/Systems/1/")',
      ],
      ["ipmi://h/redfish/v1/Systems/1", 'BMC address [ipmi://h/redfish/v1/Systems/1] should have no path after the host (got "/redfish/v1/Systems/1")'],
      ["ipmi://:623", "BMC address [ipmi://:623] has no host"],
      ["ipmi://h:0", 'BMC address [ipmi://h:0] has the port "0"; a port is a number from 1 to 65535'],
      ["ipmi://h:65536", 'BMC address [ipmi://h:65536] has the port "65536"; a port is a number from 1 to 65535'],
      ["ipmi://h:ipmi", 'BMC address [ipmi://h:ipmi] has the port "ipmi"; a port is a number from 1 to 65535'],
      ["ipmi://10.0.0.256", 'BMC address [ipmi://10.0.0.256] has the invalid IPv4 host "10.0.0.256"'],
      ["ipmi://bmc_7.example", 'BMC address [ipmi://bmc_7.example] has the invalid host name "bmc_7.example"'],
      ["ipmi://[fd00::g]", 'BMC address [ipmi://[fd00::g]] has the invalid IPv6 host "[fd00::g]"'],
    ];
    for (const [text, message] of cases) {
      it(`refuses ${text}`, () => {
        assert.throws(
          () => parseBmcUrl(text),
          (e: unknown) => {
            assert.ok(e instanceof BmcUrlError);
            assert.equal(e.message, message);
            return true;
          },
        );
      });
    }
  });

  describe("properties", () => {
    const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6());
    const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
    const withPort = <T extends object>(u: T, p: number | undefined): T => (p === undefined ? u : { ...u, port: p });
    const url: fc.Arbitrary<BmcUrl> = fc.oneof(
      fc
        .record({
          scheme: fc.constantFrom("redfish", "redfish+http", "redfish+https" as const),
          host,
          port,
          systemId: fc.stringMatching(/^[A-Za-z0-9._~-]{1,24}$/),
        })
        .map(({ scheme, host, port, systemId }) => withPort({ protocol: "redfish" as const, scheme, host, systemId }, port)),
      fc.record({ host, port }).map(({ host, port }) => withPort({ protocol: "ipmi" as const, scheme: "ipmi" as const, host }, port)),
    );

    it("parses what it formats back to the same BMC", () => {
      fc.assert(
        fc.property(url, (u) => {
          assert.deepEqual(parseBmcUrl(formatBmcUrl(u)), u);
        }),
      );
    });

    it("formats a parsed URL canonically: formatting is a fixed point", () => {
      fc.assert(
        fc.property(url, (u) => {
          const text = formatBmcUrl(u);
          assert.equal(formatBmcUrl(parseBmcUrl(text)), text);
        }),
      );
    });

    it("never quotes a password written into the URL", () => {
      // The "!" appears nowhere else in a formatted URL, so a hit can only be the password itself.
      const secret = fc.stringMatching(/^![A-Za-z0-9$%&*+=~-]{5,19}$/);
      fc.assert(
        fc.property(url, fc.stringMatching(/^[a-z]{1,8}$/), secret, (u, user, password) => {
          const text = formatBmcUrl(u).replace("://", `://${user}:${password}@`);
          assert.throws(
            () => parseBmcUrl(text),
            (e: unknown) => e instanceof BmcUrlError && !e.message.includes(password),
          );
        }),
      );
    });
  });

  describe("building a node's URLs", () => {
    it("writes the Metal3 forms the ledger records, with the IPMI port spelt out", () => {
      assert.equal(bmcUrl("redfish", "10.0.0.33"), "redfish://10.0.0.33/redfish/v1/Systems/1");
      assert.equal(bmcUrl("redfish", "127.0.10.1", { port: 8000, transport: "http", ipmiPort: 6230 }), "redfish+http://127.0.10.1:8000/redfish/v1/Systems/1");
      assert.equal(bmcUrl("ipmi", "10.0.0.33"), "ipmi://10.0.0.33:623");
      assert.equal(bmcUrl("ipmi", "127.0.10.1", { port: 8000, transport: "http", ipmiPort: 6230 }), "ipmi://127.0.10.1:6230");
      assert.equal(IPMI_PORT, 623);
    });

    const endpoint: fc.Arbitrary<BmcEndpoint> = fc.record(
      { port: fc.integer({ min: 1, max: 65535 }), transport: fc.constantFrom("https" as const, "http" as const), ipmiPort: fc.integer({ min: 1, max: 65535 }) },
      { requiredKeys: [] },
    );

    it("parses every URL it builds back to what built it: protocol, address, transport and port", () => {
      fc.assert(
        fc.property(fc.constantFrom("redfish" as const, "ipmi" as const), fc.ipV4(), endpoint, (protocol, ip, e) => {
          const url = parseBmcUrl(bmcUrl(protocol, ip, e));
          assert.deepEqual(url, bmcEndpointUrl(protocol, ip, e));
          assert.equal(url.protocol, protocol);
          assert.equal(url.host, ip);
          if (url.protocol === "ipmi") assert.equal(effectivePort(url), e.ipmiPort ?? IPMI_PORT);
          else {
            assert.equal(transport(url), e.transport ?? "https");
            assert.equal(effectivePort(url), e.port ?? (e.transport === "http" ? 80 : 443));
          }
        }),
      );
    });

    it("parses every BMC URL of the sample ledger back to the node and blueprint that built it", function () {
      this.timeout(60_000);
      const { expanded, problems } = loadFleet(NORDIC_FLEET);
      assert.deepEqual(problems, []);
      let urls = 0;
      for (const site of expanded) {
        for (const node of site.nodes) {
          const { bmc } = site.blueprints.get(node.blueprint)!;
          assert.equal(node.bmc.fallbackUrl === undefined, bmc.fallback === undefined, node.hostname);
          const built: ["redfish" | "ipmi", string | undefined][] = [
            [bmc.protocol, node.bmc.url],
            ...(bmc.fallback ? [[bmc.fallback, node.bmc.fallbackUrl] as ["redfish" | "ipmi", string | undefined]] : []),
          ];
          for (const [protocol, text] of built) {
            assert.deepEqual(parseBmcUrl(text!), bmcEndpointUrl(protocol, node.outOfBandIp, bmc), `${node.hostname}: ${text}`);
            urls++;
          }
        }
      }
      assert.ok(urls >= 20_120, `${urls} URLs`);
    });
  });
});
