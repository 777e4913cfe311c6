/** The committed ISO 3166 list is what `npm run iso3166` writes from the pinned `iso-3166` package. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ISO_3166_FILE, renderIso3166 } from "../../scripts/iso-3166-render";

describe("model/territory/iso-3166.ts", () => {
  it("is current (npm run iso3166 rewrites it)", async () => {
    const committed = readFileSync(ISO_3166_FILE, "utf8");
    assert.equal(committed, await renderIso3166(), "run npm run iso3166");
  });
});
