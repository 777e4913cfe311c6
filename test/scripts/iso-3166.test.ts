/** The committed ISO 3166 list is what `npm run iso3166` writes from the pinned `iso-3166` package. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderIso3166 } from "../../scripts/iso-3166-render";

describe("model/territory/iso-3166.ts", () => {
  it("is current (npm run iso3166 rewrites it)", async () => {
    const committed = readFileSync(join(__dirname, "..", "..", "model", "territory", "iso-3166.ts"), "utf8");
    assert.equal(committed, await renderIso3166(), "run npm run iso3166");
  });
});
