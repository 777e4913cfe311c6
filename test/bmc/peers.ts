/**
 * Real simulated BMCs for the tests: sushy-emulator (Redfish) and ipmi_sim (IPMI) on loopback, in
 * a temporary directory, started by scripts/lab/bmc-sim.ts. Each test file takes its own loopback
 * net so files never share a BMC. When the simulators are not installed the `before` hook fails
 * with what to install: these tests never skip silently. Their suites carry {@link PEERS_TAG} in
 * their titles; `npm run test:unit` (the edit-test loop) leaves them out, `npm test` runs them.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BmcError, type Credentials } from "../../bmc/bmc";
import { startSimulators, stopSimulators, type SimulatedSite } from "../../scripts/lab/bmc-sim";

/** In the title of every suite that talks to the simulated BMCs: `npm run test:unit` leaves them out. */
export const PEERS_TAG = "@peers";

/**
 * Registers `before`/`after` hooks that run `count` simulated BMCs on `net` (e.g. "127.0.20"), the
 * nodes in `poweredOn` (1-based) starting on, over HTTPS with a lab CA made by openssl for this run
 * when `extra.https`; returns a getter for the running site.
 */
export function usePeers(
  net: string,
  count = 1,
  poweredOn: readonly number[] = [],
  extra: { https?: boolean; systemId?: string; ports?: number } = {},
): () => SimulatedSite {
  // One directory per net: a run that died without its `after` hook is cleaned up by the next.
  const dir = join(tmpdir(), `gigafactory-bmc-test-${net}`);
  let site: SimulatedSite | undefined;
  before(async function () {
    const suite = this.test?.parent?.fullTitle() ?? "";
    if (!suite.includes(PEERS_TAG))
      throw new Error(`suite "${suite}" uses the simulated BMCs: put ${PEERS_TAG} in its title, so that npm run test:unit leaves it out`);
    this.timeout(40_000);
    await stopSimulators(dir);
    rmSync(dir, { recursive: true, force: true });
    site = await startSimulators({ dir, net, count, poweredOn, ...extra });
  });
  after(async function () {
    this.timeout(20_000);
    await stopSimulators(dir);
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!site) throw new Error("the simulated BMCs did not start");
    return site;
  };
}

/** The same user with a wrong password. */
export function wrongPassword(c: Credentials): Credentials {
  return { username: c.username, password: "not-the-password" };
}

/** Asserts that `promise` rejects with a BmcError of `kind` and exactly `message`. */
export async function rejectsWith(promise: Promise<unknown>, kind: BmcError["kind"], message: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof BmcError, String(e));
    assert.equal(e.message, message);
    assert.equal(e.kind, kind);
    return true;
  });
}
