import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { Type } from "@sinclair/typebox";
import { parse } from "yaml";
import { FleetFile } from "../../inventory/schema/fleet";
import { Site } from "../../inventory/schema/site";
import { AJV_OPTIONS, GENERATED_MODULE, precompiled } from "../../inventory/schema/validators";
import { generateValidators } from "../../scripts/validators";
import { ICELAND_FLEET, MINIMAL_FLEET, NORDIC_FLEET } from "../helpers/fleet-fixture";

const GENERATED = join(__dirname, "..", "..", "inventory", "schema", GENERATED_MODULE);

describe("inventory: validators compiled ahead of time", () => {
  before(function () {
    // `npm test` builds first (pretest); a bare mocha run may not have.
    if (!existsSync(GENERATED)) this.skip();
  });

  it("the generated module is what the schemas generate now", () => {
    assert.equal(readFileSync(GENERATED, "utf8"), generateValidators());
  });

  it("judges every site file and a broken one exactly as the schema compiled at run time does", () => {
    const ajv = new Ajv2020(AJV_OPTIONS);
    addFormats(ajv);
    const cases: [unknown, unknown][] = [
      [FleetFile, parse(readFileSync(join(NORDIC_FLEET, "fleet.yaml"), "utf8"))],
      [Site, parse(readFileSync(join(NORDIC_FLEET, "sites", "riga-1.yaml"), "utf8"))],
      [Site, parse(readFileSync(join(ICELAND_FLEET, "sites", "kef-1.yaml"), "utf8"))],
      [Site, { ...(parse(readFileSync(join(MINIMAL_FLEET, "sites", "tst-1.yaml"), "utf8")) as object), country: "lv", extra: 1 }],
    ];
    for (const [schema, data] of cases) {
      const ahead = precompiled(schema as typeof Site);
      assert.ok(ahead, "a current generated validator");
      const now = ajv.compile(schema as typeof Site);
      const [a, b] = [structuredClone(data), structuredClone(data)];
      assert.equal(ahead(a), now(b));
      assert.deepEqual(a, b, "the same defaults filled in");
      assert.deepEqual(JSON.parse(JSON.stringify(ahead.errors ?? null)), JSON.parse(JSON.stringify(now.errors ?? null)));
    }
  });

  it("has no validator for a schema it was not generated from, so the loader compiles that one", () => {
    assert.equal(precompiled(Type.Object({ id: Type.String() })), undefined);
  });
});
