/**
 * The bare-metal layer under the real engine: lab-1's three nodes (inventory/fleets/lab) as
 * `BareMetalHost`s of one `baremetal` stack, served by the one `gigafactory-baremetal` provider
 * process, against the lab's simulated BMCs (scripts/lab/bmc-sim.ts) on loopback. In order:
 * `pulumi up` provisions and powers every node on; a second up changes nothing; a node powered off
 * by hand shows as drift on `pulumi refresh` and the next up powers it on; a password rotation on
 * the BMCs is an update in place with no power action; no secret appears in state, stack export,
 * config or anything printed; destroy deprovisions (powers off). Runs in a second checkout, so the
 * stack file Pulumi writes stays out of this one.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { backendDir, bmcCredentials, bmcSim, CREDENTIALS, filesBelow, LAB_BMCS, powerStatus, pulumi, secondCheckout, setPower, type Run } from "./engine";

const STACK = "lab-hosts";
const HOST_TYPE = "gigafactory-baremetal:index:BareMetalHost";

function assertExit(r: Run, status: number, what: string): void {
  assert.equal(r.status, status, `${what} exited with ${r.status}, expected ${status}:\n${r.output}`);
}

/** The power state each lab node's Redfish BMC reports. */
function powerStates(): string[] {
  return LAB_BMCS.map(({ bmc, fallback }) => {
    const r = powerStatus(bmc, fallback);
    assertExit(r, 0, `bmc power status ${bmc}`);
    return (JSON.parse(r.stdout) as { after: string }).after;
  });
}

describe("bare-metal hosts under the real engine, one provider process", function () {
  this.bail(true);
  this.timeout(300_000);

  let checkout: string;
  const printed: string[] = [];
  const passwords: string[] = [];
  const inCheckout = (args: readonly string[], input?: string) => {
    const r = pulumi(args, { cwd: checkout, ...(input === undefined ? {} : { input }) });
    printed.push(r.output);
    return r;
  };
  const setCredentials = () => {
    const { BMC_USERNAME, BMC_PASSWORD } = bmcCredentials();
    passwords.push(BMC_PASSWORD);
    for (const [field, value] of [
      ["username", BMC_USERNAME],
      ["password", BMC_PASSWORD],
    ] as const) {
      assertExit(
        inCheckout(["config", "set", "--secret", "--path", "--stack", STACK, `gigafactory:bmcCredentials.default.${field}`], value),
        0,
        `config set ${field}`,
      );
    }
  };
  const state = () =>
    JSON.parse(readFileSync(join(backendDir(), ".pulumi", "stacks", "gigafactory", `${STACK}.json`), "utf8")) as {
      checkpoint: { latest: { resources: { type: string; urn: string; provider?: string; outputs?: Record<string, unknown> }[] } };
    };

  /** The hosts in state, by hostname. */
  const hostsInState = () =>
    state()
      .checkpoint.latest.resources.filter((x) => x.type === HOST_TYPE)
      .sort((a, b) => String(a.outputs?.hostname).localeCompare(String(b.outputs?.hostname)));

  before(function () {
    assertExit(bmcSim("start"), 0, "bmc-sim.ts start");
    for (const { bmc, fallback } of LAB_BMCS) assertExit(setPower("off", bmc, fallback), 0, `bmc power off ${bmc}`);
    checkout = secondCheckout();
    writeFileSync(
      join(checkout, "stacks", `Pulumi.${STACK}.yaml`),
      [
        "config:",
        "  gigafactory:fleet: inventory/fleets/lab",
        "  gigafactory:site: lab-1",
        "  gigafactory:layer: baremetal",
        "  gigafactory:shard: h1-b0",
        '  gigafactory:allowDecommission: "true"',
        "",
      ].join("\n"),
    );
    assertExit(inCheckout(["stack", "init", STACK, "--no-select"]), 0, "stack init");
    setCredentials();
  });

  after(function () {
    if (checkout) {
      inCheckout(["destroy", "--yes", "--stack", STACK]);
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it("pulumi up provisions every node through one provider process and powers it on", () => {
    const r = inCheckout(["up", "--yes", "--stack", STACK]);
    assertExit(r, 0, "pulumi up");
    assert.match(r.stdout, /^\s+\+ \d+ created$/m);
    assert.deepEqual(powerStates(), ["on", "on", "on"]);
    const resources = state().checkpoint.latest.resources;
    const hosts = hostsInState();
    assert.equal(hosts.length, 3);
    const providers = resources.filter((x) => x.type === "pulumi:providers:gigafactory-baremetal");
    assert.equal(providers.length, 1, "one provider resource: the engine runs one plugin process for it");
    assert.ok(
      hosts.every((h) => h.provider?.startsWith(`${providers[0]!.urn}::`)),
      "every host is served by that provider",
    );
    assert.deepEqual(
      hosts.map((h) => [h.outputs?.hostname, h.outputs?.state, h.outputs?.powerState]),
      LAB_BMCS.map(({ node }) => [node, "provisioned", "on"]),
    );
    assert.ok(hosts.every((h) => typeof h.outputs?.inBandAddress === "string"));
  });

  it("changes nothing on a second up", () => {
    const r = inCheckout(["up", "--yes", "--stack", STACK]);
    assertExit(r, 0, "second pulumi up");
    assert.match(r.stdout, /^\s+\d+ unchanged$/m);
    assert.doesNotMatch(r.stdout, /^\s+[+~-] \d+ (created|updated|deleted|replaced)$/m);
    assertExit(inCheckout(["preview", "--stack", STACK, "--expect-no-changes"]), 0, "preview --expect-no-changes");
  });

  it("shows a node powered off by hand as drift on refresh, and the next up powers it on", () => {
    const { bmc, fallback, node } = LAB_BMCS[1]!;
    assertExit(setPower("off", bmc, fallback), 0, "power off by hand");
    const refresh = inCheckout(["refresh", "--yes", "--stack", STACK]);
    assertExit(refresh, 0, "pulumi refresh");
    assert.match(refresh.stdout, /^\s+~ 1 updated$/m);
    assert.match(refresh.stdout, new RegExp(`${node}-host`));
    const hosts = hostsInState();
    assert.deepEqual(
      hosts.map((h) => h.outputs?.powerState),
      ["on", "off", "on"],
    );
    const up = inCheckout(["up", "--yes", "--stack", STACK]);
    assertExit(up, 0, "pulumi up after the drift");
    assert.match(up.stdout, /^\s+~ 1 updated$/m);
    assert.deepEqual(powerStates(), ["on", "on", "on"]);
  });

  it("updates a password rotation in place, with no power action", () => {
    // New credentials on every simulated BMC: a fresh start with the credentials file removed.
    assertExit(bmcSim("stop"), 0, "bmc-sim.ts stop");
    rmSync(CREDENTIALS);
    assertExit(bmcSim("start"), 0, "bmc-sim.ts start (rotated)");
    const before = powerStates();
    setCredentials();
    assert.notEqual(passwords[1], passwords[0]);
    const preview = inCheckout(["preview", "--stack", STACK, "--diff"]);
    assertExit(preview, 0, "preview of the rotation");
    assert.match(preview.stdout, /^\s+~ 3 to update$/m);
    assert.doesNotMatch(preview.stdout, /to (replace|delete|create)/);
    const up = inCheckout(["up", "--yes", "--stack", STACK]);
    assertExit(up, 0, "pulumi up of the rotation");
    assert.match(up.stdout, /^\s+~ 3 updated$/m);
    assert.deepEqual(powerStates(), before, "the rotation changed no node's power");
    assertExit(inCheckout(["preview", "--stack", STACK, "--expect-no-changes"]), 0, "no change after the rotation");
  });

  it("keeps every BMC password out of state, stack export, config and everything printed", () => {
    const exported = inCheckout(["stack", "export", "--stack", STACK]);
    assertExit(exported, 0, "stack export");
    const recorded = [
      ...filesBelow(backendDir()).map((f) => readFileSync(f, "utf8")),
      readFileSync(join(checkout, "stacks", `Pulumi.${STACK}.yaml`), "utf8"),
      ...printed,
    ];
    for (const password of passwords) assert.ok(!recorded.some((text) => text.includes(password)), "a BMC password was recorded in plaintext");
    assert.match(exported.stdout, /"credentials": \{\s+"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",\s+"ciphertext": /);
  });

  it("destroy deprovisions every node: powered off", () => {
    const r = inCheckout(["destroy", "--yes", "--stack", STACK]);
    assertExit(r, 0, "pulumi destroy");
    assert.match(r.stdout, /^\s+- \d+ deleted$/m);
    assert.deepEqual(powerStates(), ["off", "off", "off"]);
  });
});
