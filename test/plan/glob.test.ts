import assert from "node:assert/strict";
import { globMatcher } from "../../plan/fleet-plan";

describe("plan: --stack globs", () => {
  it("matches * as any run of characters and ? as one, anything else literally, several separated by commas", () => {
    const names = ["riga-1-physical-site", "riga-1-physical-h1-b0", "riga-1-baremetal-h1-b0", "kef-1-kubernetes-site", "riga-1-physical-h10-b0"];
    const pick = (glob: string) => names.filter(globMatcher(glob));
    assert.deepEqual(pick("riga-1-physical-*"), ["riga-1-physical-site", "riga-1-physical-h1-b0", "riga-1-physical-h10-b0"]);
    assert.deepEqual(pick("riga-1-physical-h?-b0"), ["riga-1-physical-h1-b0"]);
    assert.deepEqual(pick("*-kubernetes-site, riga-1-baremetal-*"), ["riga-1-baremetal-h1-b0", "kef-1-kubernetes-site"]);
    assert.deepEqual(pick("riga-1.physical-site"), []);
  });
});
