/**
 * The site-rule cases: the compliant fixture with one change each, and the exact violations it
 * must produce. The pack tests send them over gRPC; the rule tests call the functions directly,
 * so both faces are held to the same text.
 */
import type { SiteFacts } from "../../model/site-facts";
import type { RuleSettings } from "../../policies/rules";
import type { PolicyConfigInput } from "../harness/pack";

/** A violation a case expects. */
export interface Expected {
  readonly policy: string;
  readonly enforcementLevel: "mandatory" | "advisory";
  readonly message: string;
}

/** One case. */
export interface SiteCase {
  readonly name: string;
  readonly change: (facts: SiteFacts) => void;
  /** Pack configuration for the case, and the same thresholds as rule settings. */
  readonly config?: Readonly<Record<string, PolicyConfigInput>>;
  readonly settings?: Partial<RuleSettings>;
  readonly expected: readonly Expected[];
  /**
   * What the pack reports, when it differs: a finding that asks for review under a mandatory policy
   * is left to the preflight gate and the audit (CrossGuard has one level per policy).
   */
  readonly pack?: readonly Expected[];
}

const mandatory = (policy: string, message: string): Expected => ({ policy, enforcementLevel: "mandatory", message });
const advisory = (policy: string, message: string): Expected => ({ policy, enforcementLevel: "advisory", message });

const RENEWABLE = "site [tst-1] should cover at least 100% of its demand with evidenced renewable energy";

/** Every case. */
export const SITE_CASES: readonly SiteCase[] = [
  {
    name: "a site in Iceland (EEA, not EU)",
    change: (f) => {
      f.country = "IS";
      delete f.subdivision;
    },
    expected: [mandatory("eu-jurisdiction", "site [tst-1] should be inside EU jurisdiction; country IS is EEA but not EU")],
  },
  {
    name: "a site in Switzerland (neither)",
    change: (f) => {
      f.country = "CH";
      delete f.subdivision;
    },
    expected: [mandatory("eu-jurisdiction", "site [tst-1] should be inside EU jurisdiction; country CH is neither EU nor EEA")],
  },
  {
    name: "a site in Greenland (an OCT with a code of its own)",
    change: (f) => {
      f.country = "GL";
      delete f.subdivision;
    },
    expected: [
      mandatory(
        "eu-jurisdiction",
        "site [tst-1] should be inside EU jurisdiction; GL (Greenland, DK) is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)",
      ),
    ],
  },
  {
    name: "a site moved to New Caledonia (France, subdivision FR-NC)",
    change: (f) => {
      f.country = "FR";
      f.subdivision = "FR-NC";
    },
    expected: [
      mandatory(
        "eu-jurisdiction",
        "site [tst-1] should be inside EU jurisdiction; subdivision FR-NC (New Caledonia, FR) is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)",
      ),
    ],
  },
  {
    name: "a site in the Faroe Islands",
    change: (f) => {
      f.country = "FO";
      delete f.subdivision;
    },
    expected: [
      mandatory("eu-jurisdiction", "site [tst-1] should be inside EU jurisdiction; FO (Faroe Islands, DK) is outside the EU and the EEA (TFEU Art. 355(5)(a))"),
    ],
  },
  {
    name: "a site in Guadeloupe (an outermost region: inside)",
    change: (f) => {
      f.country = "GP";
      delete f.subdivision;
    },
    expected: [],
  },
  {
    name: "a site in Greece written EL (inside)",
    change: (f) => {
      f.country = "EL";
      delete f.subdivision;
    },
    expected: [],
  },
  {
    name: "an operator incorporated in Switzerland",
    change: (f) => {
      f.operator.country = "CH";
    },
    expected: [mandatory("eu-jurisdiction", "operator [Test Operator SIA] should be incorporated in the EU; country CH is neither EU nor EEA")],
  },
  {
    name: "Iceland in eea mode (inside)",
    change: (f) => {
      f.country = "IS";
      delete f.subdivision;
    },
    config: { "eu-jurisdiction": { properties: { mode: "eea" } } },
    settings: { mode: "eea" },
    expected: [],
  },
  {
    name: "Greenland in eea mode (still outside)",
    change: (f) => {
      f.country = "GL";
      delete f.subdivision;
    },
    config: { "eu-jurisdiction": { properties: { mode: "eea" } } },
    settings: { mode: "eea" },
    expected: [
      mandatory(
        "eu-jurisdiction",
        "site [tst-1] should be inside EEA jurisdiction; GL (Greenland, DK) is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)",
      ),
    ],
  },
  {
    name: "a PPA whose Guarantees of Origin were not cancelled",
    change: (f) => {
      f.energy.supply[0]!.goo!.cancelled = false;
    },
    expected: [mandatory("renewable-power", `${RENEWABLE}; 40% of 400 MWh is covered; supply[0] (ppa, wind) has Guarantees of Origin that were not cancelled`)],
  },
  {
    name: "a PPA without Guarantees of Origin",
    change: (f) => {
      delete f.energy.supply[0]!.goo;
    },
    expected: [mandatory("renewable-power", `${RENEWABLE}; 40% of 400 MWh is covered; supply[0] (ppa, wind) has no Guarantees of Origin`)],
  },
  {
    name: "cancelled Guarantees of Origin without a certificate id",
    change: (f) => {
      f.energy.supply[0]!.goo!.certificates = [];
    },
    expected: [mandatory("renewable-power", `${RENEWABLE}; 40% of 400 MWh is covered; supply[0] (ppa, wind) lists no certificate ids`)],
  },
  {
    name: "on-site nuclear generation",
    change: (f) => {
      f.energy.supply[1]!.technology = "nuclear";
    },
    expected: [mandatory("renewable-power", `${RENEWABLE}; 60% of 400 MWh is covered; supply[1] (onsite, nuclear) is not renewable`)],
  },
  {
    name: "grid supply (never counts)",
    change: (f) => {
      f.energy.supply[0]!.kind = "grid";
    },
    expected: [mandatory("renewable-power", `${RENEWABLE}; 40% of 400 MWh is covered; supply[0] (grid, wind) is grid supply, which never counts`)],
  },
  {
    name: "a GoO claim that reuses a certificate already counted",
    change: (f) => {
      f.energy.supply[1] = { kind: "goo", technology: "solar", annualMWh: 160, goo: { cancelled: true, registry: "AST", certificates: ["LV-GO-1"] } };
    },
    expected: [
      mandatory(
        "renewable-power",
        "site [tst-1] should claim each Guarantee of Origin once; energy.supply[1] claims certificate LV-GO-1, already claimed by site [tst-1] energy.supply[0]",
      ),
      mandatory("renewable-power", `${RENEWABLE}; 60% of 400 MWh is covered; supply[1] (goo, solar) repeats certificate LV-GO-1 of supply[0]`),
    ],
  },
  {
    name: "demand above the evidenced supply",
    change: (f) => {
      f.energy.annualDemandMWh = 410;
    },
    expected: [
      mandatory(
        "renewable-power",
        "site [tst-1] should cover at least 100% of its demand with evidenced renewable energy; 97.5% of 410 MWh is covered; evidenced supply totals 400 MWh",
      ),
    ],
  },
  {
    name: "a lower renewable threshold that the share meets",
    change: (f) => {
      f.energy.supply[0]!.goo!.cancelled = false;
    },
    config: { "renewable-power": { properties: { threshold: 0.4 } } },
    settings: { renewableThreshold: 0.4 },
    expected: [],
  },
  {
    name: "a renewable threshold of 75% that the share misses",
    change: (f) => {
      f.energy.supply[0]!.goo!.cancelled = false;
    },
    config: { "renewable-power": { properties: { threshold: 0.75 } } },
    settings: { renewableThreshold: 0.75 },
    expected: [
      mandatory(
        "renewable-power",
        "site [tst-1] should cover at least 75% of its demand with evidenced renewable energy; 40% of 400 MWh is covered; supply[0] (ppa, wind) has Guarantees of Origin that were not cancelled",
      ),
    ],
  },
  {
    name: "a design PUE above 1.3",
    change: (f) => {
      f.facility.designPue = 1.45;
    },
    expected: [advisory("energy-efficiency", "site [tst-1] should have a design PUE of at most 1.3; its design PUE is 1.45")],
  },
  {
    name: "a design PUE just above 1.3 (never printed as 1.3)",
    change: (f) => {
      f.facility.designPue = 1.3004;
    },
    expected: [advisory("energy-efficiency", "site [tst-1] should have a design PUE of at most 1.3; its design PUE is 1.3004")],
  },
  {
    name: "a design PUE within a configured maximum of 1.5",
    change: (f) => {
      f.facility.designPue = 1.45;
    },
    config: { "energy-efficiency": { properties: { maxDesignPue: 1.5 } } },
    settings: { maxDesignPue: 1.5 },
    expected: [],
  },
  {
    name: "a reporting site without its potable water figure",
    change: (f) => {
      delete f.energy.potableWaterM3;
    },
    config: { "eed-reporting": { properties: { reportingThresholdKW: 40 } } },
    settings: { reportingThresholdKW: 40 },
    expected: [
      advisory(
        "eed-reporting",
        "site [tst-1] should declare the figures of the EU data-centre database; it has 42 kW IT power (reporting from 40 kW) but lacks potableWaterM3 (WIN-POT)",
      ),
    ],
  },
  {
    name: "a site above the heat-reuse threshold without heat reuse",
    change: (f) => {
      delete f.facility.heatReuse;
    },
    config: { "energy-efficiency": { properties: { heatReuseThresholdKW: 50 } } },
    settings: { heatReuseThresholdKW: 50 },
    expected: [
      advisory(
        "energy-efficiency",
        "site [tst-1] should reuse its waste heat; it draws 50.4 kW at design PUE (reuse from 50 kW) and declares no facility.heatReuse",
      ),
    ],
  },
  {
    name: "racks that draw more than their feeds allow",
    change: (f) => {
      f.rackTypes[0]!.drawKW = 40;
    },
    expected: [
      mandatory(
        "rack-power-capacity",
        "rack type [hgx2] of site [tst-1] should draw at most what its feeds allow; 2 racks draw 40 kW each but the feeds allow 34.9 kW (2N)",
      ),
    ],
  },
  {
    name: "a grid connection too small for the facility",
    change: (f) => {
      f.facility.gridConnectionMW = 0.05;
    },
    expected: [
      mandatory(
        "rack-power-capacity",
        "site [tst-1] should fit its grid connection; 42 kW IT power at design PUE 1.2 needs 50.4 kW but the connection is 50 kW",
      ),
    ],
  },
  {
    name: "a backup in Switzerland",
    change: (f) => {
      f.storage[0]!.backups[0]!.country = "CH";
    },
    expected: [
      mandatory("data-residency", "storage [tst-nfs] of site [tst-1] should keep backups[0] inside EU jurisdiction; country CH is neither EU nor EEA"),
    ],
  },
  {
    name: "a replica in Norway",
    change: (f) => {
      f.storage[0]!.replicas[0]!.country = "NO";
    },
    expected: [mandatory("data-residency", "storage [tst-nfs] of site [tst-1] should keep replicas[0] inside EU jurisdiction; country NO is EEA but not EU")],
  },
  {
    name: "a replica in Norway with eu-jurisdiction, the one mode setting, in eea mode (inside)",
    change: (f) => {
      f.storage[0]!.replicas[0]!.country = "NO";
    },
    config: { "eu-jurisdiction": { properties: { mode: "eea" } } },
    settings: { mode: "eea" },
    expected: [],
  },
  {
    name: "a backup in Greenland written under Denmark (DK, GL-SM)",
    change: (f) => {
      f.storage[0]!.backups[0] = { country: "DK", subdivision: "GL-SM" };
    },
    expected: [
      mandatory(
        "data-residency",
        "storage [tst-nfs] of site [tst-1] should keep backups[0] inside EU jurisdiction; subdivision GL-SM is in GL (Greenland, DK), which is an overseas country or territory, outside the EU and the EEA (TFEU Art. 355(2), Annex II)",
      ),
    ],
  },
  {
    name: "a backup with an invented subdivision (DK-GL)",
    change: (f) => {
      f.storage[0]!.backups[0] = { country: "DK", subdivision: "DK-GL" };
    },
    expected: [
      mandatory(
        "data-residency",
        "storage [tst-nfs] of site [tst-1] should keep backups[0] inside EU jurisdiction; subdivision DK-GL is not an ISO 3166-2 code",
      ),
    ],
  },
  {
    name: "a backup in a subdivision of another state (FI, SE-AB)",
    change: (f) => {
      f.storage[0]!.backups[0]!.subdivision = "SE-AB";
    },
    expected: [
      mandatory("data-residency", "storage [tst-nfs] of site [tst-1] should keep backups[0] inside EU jurisdiction; subdivision SE-AB is not in country FI"),
    ],
  },
  {
    name: "a site with an invented subdivision",
    change: (f) => {
      f.subdivision = "LV-GL";
    },
    expected: [mandatory("eu-jurisdiction", "site [tst-1] should be inside EU jurisdiction; subdivision LV-GL is not an ISO 3166-2 code")],
  },
  {
    name: "a site in Attica written EL with its ISO subdivision GR-I (inside)",
    change: (f) => {
      f.country = "EL";
      f.subdivision = "GR-I";
    },
    expected: [],
  },
  {
    name: "a site in Nicosia (CY-01, partly where EU law is suspended): advisory",
    change: (f) => {
      f.country = "CY";
      f.subdivision = "CY-01";
    },
    expected: [
      advisory(
        "eu-jurisdiction",
        "site [tst-1] should stand where EU law applies; subdivision CY-01 (Lefkosia, CY) lies partly in the areas where the application of EU law is suspended (Protocol No 10 to the 2003 Act of Accession, Art. 1)",
      ),
    ],
    pack: [],
  },
  {
    name: "a site in Keryneia (CY-06, wholly where EU law is suspended)",
    change: (f) => {
      f.country = "CY";
      f.subdivision = "CY-06";
    },
    expected: [
      mandatory(
        "eu-jurisdiction",
        "site [tst-1] should be inside EU jurisdiction; subdivision CY-06 (Keryneia, CY) lies wholly in the areas where the application of EU law is suspended (Protocol No 10 to the 2003 Act of Accession, Art. 1)",
      ),
    ],
  },
  {
    name: "on-site generation whose Guarantees of Origin were sold",
    change: (f) => {
      f.energy.supply[1]!.goo = { cancelled: false, registry: "AST", certificates: ["LV-GO-OS-1"] };
    },
    expected: [
      mandatory(
        "renewable-power",
        `${RENEWABLE}; 60% of 400 MWh is covered; supply[1] (onsite, solar) is on-site generation whose Guarantees of Origin were not cancelled for the site (sold)`,
      ),
    ],
  },
  {
    name: "a certificate a site before it claimed",
    change: (f) => {
      f.priorClaims = [{ certificate: "LV-GO-1", supply: 0, claimedBy: "site [tst-0] energy.supply[2]" }];
    },
    expected: [
      mandatory(
        "renewable-power",
        "site [tst-1] should claim each Guarantee of Origin once; energy.supply[0] claims certificate LV-GO-1, already claimed by site [tst-0] energy.supply[2]",
      ),
      mandatory(
        "renewable-power",
        `${RENEWABLE}; 40% of 400 MWh is covered; supply[0] (ppa, wind) claims certificate LV-GO-1, already claimed by site [tst-0] energy.supply[2]`,
      ),
    ],
  },
  {
    name: "a measured PUE of 1.6",
    change: (f) => {
      f.energy.annualDemandMWh = 512;
    },
    expected: [
      mandatory("renewable-power", `${RENEWABLE}; 78.1% of 512 MWh is covered; evidenced supply totals 400 MWh`),
      advisory("energy-efficiency", "site [tst-1] should have a measured PUE of at most 1.3; its PUE for 2027 is 1.6 (EDC 512 MWh / EIT 320 MWh)"),
    ],
  },
  {
    name: "a reporting site without a reporting period",
    change: (f) => {
      delete f.energy.period;
    },
    config: { "eed-reporting": { properties: { reportingThresholdKW: 40 } } },
    settings: { reportingThresholdKW: 40 },
    expected: [
      advisory(
        "eed-reporting",
        "site [tst-1] should declare the figures of the EU data-centre database; it has 42 kW IT power (reporting from 40 kW) but lacks period (the reporting period)",
      ),
    ],
  },
  {
    name: "an out-of-band range inside the tenant range",
    change: (f) => {
      f.network.outOfBand = "100.64.0.0/24";
    },
    expected: [
      mandatory("out-of-band-isolation", "out-of-band network of site [tst-1] should use private addresses (RFC 1918) or loopback; 100.64.0.0/24 is neither"),
      mandatory(
        "out-of-band-isolation",
        "out-of-band network of site [tst-1] should be isolated from tenantRanges[0]; 100.64.0.0/24 lies inside tenant range 100.64.0.0/16",
      ),
    ],
  },
  {
    name: "an in-band range that contains the out-of-band range",
    change: (f) => {
      f.network.inBand = "10.0.0.0/16";
    },
    expected: [
      mandatory(
        "out-of-band-isolation",
        "out-of-band network of site [tst-1] should be isolated from inBand; 10.0.0.0/20 lies inside in-band management range 10.0.0.0/16",
      ),
    ],
  },
  {
    name: "an out-of-band range that contains every fabric",
    change: (f) => {
      f.network.outOfBand = "10.0.0.0/8";
    },
    expected: [
      mandatory(
        "out-of-band-isolation",
        "out-of-band network of site [tst-1] should be isolated from inBand; 10.0.0.0/8 contains in-band management range 10.1.0.0/20",
      ),
      mandatory("out-of-band-isolation", "out-of-band network of site [tst-1] should be isolated from compute; 10.0.0.0/8 contains compute fabric 10.8.0.0/17"),
      mandatory("out-of-band-isolation", "out-of-band network of site [tst-1] should be isolated from storage; 10.0.0.0/8 contains storage fabric 10.2.0.0/20"),
    ],
  },
  {
    name: "a public range inside the out-of-band range",
    change: (f) => {
      f.network.publicRanges = ["10.0.8.0/21"];
    },
    expected: [
      mandatory(
        "out-of-band-isolation",
        "out-of-band network of site [tst-1] should be isolated from publicRanges[0]; 10.0.0.0/20 contains public range 10.0.8.0/21",
      ),
    ],
  },
  {
    name: "an Ethernet underlay inside the out-of-band range",
    change: (f) => {
      f.network.underlay = "10.0.15.0/24";
    },
    expected: [
      mandatory(
        "out-of-band-isolation",
        "out-of-band network of site [tst-1] should be isolated from underlay; 10.0.0.0/20 contains compute fabric's underlay 10.0.15.0/24",
      ),
    ],
  },
];
