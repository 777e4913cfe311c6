/** The territory model: member states, EEA states, and the territories a state code gets wrong. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { classify, inside, isSubdivisionCode, placeProblem } from "../../../model/territory/place";
import { EEA_ONLY_STATES, EU_MEMBER_STATES, TERRITORIES_BY_COUNTRY, TERRITORIES_BY_SUBDIVISION } from "../../../model/territory/territories";
import { ISO_3166_2 } from "../../../model/territory/iso-3166";

const area = (country: string, subdivision?: string) => classify(country, subdivision).area;

describe("territory: where a place stands", () => {
  it("knows the 27 member states, Greece also as EL", () => {
    assert.equal(EU_MEMBER_STATES.size, 27);
    for (const c of EU_MEMBER_STATES) assert.equal(area(c), "eu", c);
    assert.deepEqual(classify("EL"), { area: "eu", basis: "country", evidence: "country EL is an EU member state" });
  });

  it("puts Iceland, Liechtenstein and Norway in the EEA only", () => {
    for (const c of ["IS", "LI", "NO"]) assert.equal(area(c), "eea", c);
    assert.deepEqual(classify("IS"), { area: "eea", basis: "country", evidence: "country IS is EEA but not EU" });
  });

  it("puts Switzerland, the United Kingdom and the rest outside", () => {
    for (const c of ["CH", "GB", "US", "AD", "MC", "SM", "VA", "GI", "IM", "JE"]) assert.equal(area(c), "outside", c);
    assert.deepEqual(classify("GB"), { area: "outside", basis: "country", evidence: "country GB is neither EU nor EEA" });
  });

  it("counts the outermost regions, Åland, Ceuta and Melilla as EU (codes of their own)", () => {
    for (const c of ["GP", "MQ", "GF", "RE", "YT", "MF", "AX", "IC", "EA"]) assert.equal(area(c), "eu", c);
  });

  it("counts the outermost regions, Åland, Ceuta and Melilla as EU (subdivisions of their state)", () => {
    for (const [c, s] of [
      ["ES", "ES-CN"],
      ["PT", "PT-20"],
      ["PT", "PT-30"],
      ["ES", "ES-CE"],
      ["ES", "ES-ML"],
      ["FI", "FI-01"],
      ["FR", "FR-974"],
      ["FR", "FR-MF"],
    ] as const) {
      assert.equal(area(c, s), "eu", s);
    }
    assert.equal(classify("PT", "PT-20").evidence, "subdivision PT-20 (Azores, PT) is an outermost region, part of the EU (TFEU Art. 349, 355(1))");
  });

  it("puts the overseas countries and territories, Greenland and the Faroe Islands outside", () => {
    for (const c of ["GL", "FO", "NC", "PF", "TF", "WF", "PM", "BL", "AW", "CW", "SX", "BQ"]) assert.equal(area(c), "outside", c);
    for (const [c, s] of [
      ["FR", "FR-NC"],
      ["FR", "FR-PF"],
      ["FR", "FR-BL"],
      ["FR", "FR-PM"],
      ["NL", "NL-AW"],
      ["NL", "NL-CW"],
      ["NL", "NL-SX"],
      ["NL", "NL-BQ1"],
    ] as const) {
      assert.equal(area(c, s), "outside", s);
    }
    assert.equal(
      classify("BL").evidence,
      "BL (Saint-Barthélemy, FR) is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)",
    );
  });

  it("keeps Svalbard out of the EEA", () => {
    assert.equal(inside(classify("SJ"), "eea"), false);
    assert.equal(inside(classify("NO", "NO-21"), "eea"), false);
    assert.equal(inside(classify("NO", "NO-03"), "eea"), true);
  });

  it("refuses a subdivision of another state", () => {
    assert.deepEqual(classify("LV", "FR-NC"), { area: "invalid", basis: "subdivision", evidence: "subdivision FR-NC is not in country LV" });
    assert.deepEqual(placeProblem("LV", "FR-NC"), { field: "subdivision", message: "subdivision FR-NC is not in country LV" });
  });

  it("places a subdivision of Greenland in Greenland, even written under Denmark", () => {
    assert.deepEqual(classify("DK", "GL-SM"), {
      area: "outside",
      basis: "subdivision",
      evidence:
        "subdivision GL-SM is in GL (Greenland, DK), which is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)",
    });
    assert.equal(placeProblem("DK", "GL-SM"), undefined, "a real code, for the policies to refuse");
  });

  it("refuses invented codes", () => {
    assert.deepEqual(classify("DK", "DK-GL"), { area: "invalid", basis: "subdivision", evidence: "subdivision DK-GL is not an ISO 3166-2 code" });
    assert.deepEqual(classify("XX"), { area: "invalid", basis: "country", evidence: "country XX is not an ISO 3166-1 alpha-2 code" });
    assert.deepEqual(placeProblem("LV", "LV-XYZ"), { field: "subdivision", message: "subdivision LV-XYZ is not an ISO 3166-2 code" });
    assert.equal(inside(classify("DK", "DK-GL"), "eea"), false);
  });

  it("accepts Greece written EL with its ISO subdivisions (GR-*)", () => {
    assert.deepEqual(classify("EL", "GR-I"), { area: "eu", basis: "country", evidence: "country EL is an EU member state" });
    assert.equal(placeProblem("EL", "GR-I"), undefined);
    assert.equal(classify("GR", "EL-I").area, "invalid");
  });

  it("puts places in Cyprus where EU law may be suspended up for review, and refuses Keryneia", () => {
    const suspended = "the areas where the application of EU law is suspended (Protocol No 10 to the 2003 Act of Accession, Art. 1)";
    assert.deepEqual(classify("CY", "CY-01"), {
      area: "eu",
      basis: "subdivision",
      evidence: "subdivision CY-01 (Lefkosia, CY) is part of the EU",
      review: `subdivision CY-01 (Lefkosia, CY) lies partly in ${suspended}`,
    });
    assert.equal(classify("CY").review, `country CY has ${suspended.replace(/^the /, "")}; name the district`);
    assert.equal(classify("CY", "CY-02").review, undefined);
    assert.deepEqual(classify("CY", "CY-06"), {
      area: "outside",
      basis: "subdivision",
      evidence: `subdivision CY-06 (Keryneia, CY) lies wholly in ${suspended}`,
    });
  });

  it("names only real ISO 3166-2 codes in its territory table", () => {
    for (const code of TERRITORIES_BY_SUBDIVISION.keys()) assert.ok(isSubdivisionCode(code), code);
    assert.ok(Object.keys(ISO_3166_2).length > 190);
  });

  it("ties every territory to a state of the Union or the EEA", () => {
    for (const t of [...TERRITORIES_BY_COUNTRY.values(), ...TERRITORIES_BY_SUBDIVISION.values()]) {
      assert.ok(EU_MEMBER_STATES.has(t.state) || EEA_ONLY_STATES.has(t.state), t.name);
    }
    for (const code of TERRITORIES_BY_SUBDIVISION.keys()) assert.ok(code.startsWith(`${TERRITORIES_BY_SUBDIVISION.get(code)!.state}-`), code);
  });

  it("places a member state's ordinary regions in the EU, and refuses codes ISO does not list (property)", () => {
    const ordinary = fc
      .tuple(fc.constantFrom(...EU_MEMBER_STATES), fc.stringMatching(/^[A-Z0-9]{1,3}$/))
      .filter(([c, s]) => !TERRITORIES_BY_SUBDIVISION.has(`${c}-${s}`));
    fc.assert(fc.property(ordinary, ([c, s]) => area(c, `${c}-${s}`) === (isSubdivisionCode(`${c}-${s}`) ? "eu" : "invalid")));
  });

  it("never lets eea mode refuse what eu mode accepts (property)", () => {
    const codes = fc.constantFrom(...EU_MEMBER_STATES, ...EEA_ONLY_STATES, ...TERRITORIES_BY_COUNTRY.keys(), "CH", "GB", "US", "EL");
    fc.assert(fc.property(codes, (c) => !inside(classify(c), "eu") || inside(classify(c), "eea")));
  });
});
