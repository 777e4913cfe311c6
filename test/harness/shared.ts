/**
 * One running pack for the whole mocha run: test files share it (starting the pack type-checks it,
 * which takes seconds) and it is stopped by a root `after` hook once every file has run. Files that
 * configure the pack reset the configuration in their own `beforeEach`.
 */
import { PackHarness } from "./pack";

let running: Promise<PackHarness> | undefined;

/** The shared pack, started on first use. */
export function sharedPack(): Promise<PackHarness> {
  running ??= PackHarness.start();
  return running;
}

if (typeof after === "function") {
  after(async () => {
    const started = running;
    running = undefined;
    if (started) await (await started).stop();
  });
}
