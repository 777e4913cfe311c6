/** The control plane's directory: it never starts in, nor removes, a directory that holds something else. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startControlPlane, stopControlPlane } from "../../../scripts/cluster/control-plane";

describe("the control plane's directory", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "gigafactory-cp-dir-"));
    writeFileSync(join(dir, "precious.txt"), "not the cluster's\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is not removed by a stop when it is not a control plane's (e.g. `npm run cluster -- down --dir .`)", async () => {
    await stopControlPlane(dir, { remove: true });
    assert.ok(existsSync(join(dir, "precious.txt")));
  });

  it("refuses to start in a directory that holds other files", async () => {
    await assert.rejects(startControlPlane({ dir }), { message: `control plane: ${dir} holds files of something else; choose an empty or new directory` });
    assert.ok(existsSync(join(dir, "precious.txt")));
  });
});
