/**
 * Writes model/territory/iso-3166.ts from wooorm's `iso-3166` package (`npm run iso3166`): the
 * ISO 3166-1 alpha-2 codes and the ISO 3166-2 subdivision codes the territory model checks codes
 * against. The package is ESM and a dev dependency; the committed file keeps the runtime (the CLI,
 * the Pulumi program, the policy pack under ts-node) free of it. A test checks the file is current.
 */
import { writeFileSync } from "node:fs";
import { ISO_3166_FILE, renderIso3166 } from "./iso-3166-render";

void renderIso3166().then((text) => {
  writeFileSync(ISO_3166_FILE, text);
  console.log("wrote model/territory/iso-3166.ts");
});
