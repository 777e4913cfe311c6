/**
 * The loader: the compliant fixture first, then one changed field per failing case with the exact
 * problem expected (`FILE:LINE:COL: path: message`).
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadFleet } from "../../inventory/load";
import { formatProblem } from "../../inventory/problem";
import { auditFleet } from "../../policies/audit";
import { cleanFleets, copyFleet, edit, fleetWith, MINIMAL_FLEET, NORDIC_FLEET, sampleFleet } from "../helpers/fleet-fixture";

const SITE = "sites/tst-1.yaml";

/** Problems of a fleet, file names relative to the fleet directory. */
function problems(dir: string): string[] {
  return loadFleet(dir, dir).problems.map(formatProblem);
}

/** The fixture with a second, compliant site tst-2: its own ranges and certificate. */
function withSecondSite(): string {
  const dir = copyFleet();
  let text = readFileSync(join(dir, SITE), "utf8");
  for (const [from, to] of [
    ["id: tst-1\n", "id: tst-2\n"],
    ["10.0.0.0/20", "10.100.0.0/20"],
    ["10.1.0.0/20", "10.101.0.0/20"],
    ["10.2.0.0/20", "10.102.0.0/20"],
    ["10.8.0.0/17", "10.108.0.0/17"],
    ["100.64.0.0/16", "100.65.0.0/16"],
    ["site: tst-1", "site: tst-2"],
    ['"LV-GO-1"', '"LV-GO-2"'],
  ] as const) {
    text = text.replace(from, to);
  }
  writeFileSync(join(dir, "sites", "tst-2.yaml"), text);
  return dir;
}

/** Problems after replacing `from` with `to` in the fixture's site file. */
function siteProblems(from: string, to: string): string[] {
  return problems(fleetWith(SITE, from, to));
}

describe("inventory loader", () => {
  after(cleanFleets);

  it("accepts the minimal fixture and returns the typed fleet", () => {
    const result = loadFleet(MINIMAL_FLEET);
    assert.deepEqual(result.problems, []);
    assert.ok(result.fleet);
    assert.equal(result.fleet.name, "minimal");
    assert.deepEqual(result.fleet.policy, { mode: "eu", renewableThreshold: 1, maxDesignPue: 1.3 });
    assert.deepEqual(
      result.fleet.sites.map((s) => s.site.id),
      ["tst-1"],
    );
    assert.deepEqual(result.summary, { sites: 1, racks: 2, nodes: 4, accelerators: 32, itPowerKW: 42 });
    assert.equal(result.fleet.sites[0]!.file, relative(process.cwd(), join(MINIMAL_FLEET, SITE)));
  });

  it("accepts both sample fleets", () => {
    for (const fleet of ["nordic-baltic", "iceland-legacy"] as const) {
      assert.deepEqual(loadFleet(sampleFleet(fleet)).problems, [], fleet);
    }
  });

  it("expands only the sites asked for, still checking every file", () => {
    const result = loadFleet(NORDIC_FLEET, { expand: (id) => id === "kajaani-1" });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.fleet!.sites.map((s) => s.site.id),
      ["hamina-1", "kajaani-1", "riga-1"],
    );
    assert.deepEqual(
      result.expanded.map((s) => s.site.id),
      ["kajaani-1"],
    );
    const broken = fleetWith("fleet.yaml", "country: LV", "country: lv");
    assert.equal(loadFleet(broken, { cwd: broken, expand: () => false }).problems.length, 1);
  });

  it("fills schema defaults", () => {
    const site = loadFleet(MINIMAL_FLEET).fleet!.sites[0]!.site;
    assert.equal(site.blueprints[0]!.storagePorts, 2);
    assert.deepEqual(site.network.publicRanges, []);
  });

  describe("syntax and schema", () => {
    it("reports a YAML syntax error with its position", () => {
      assert.deepEqual(siteProblems('  period: "2027"', '  period: "2027'), [`${SITE}:6:16: (document): YAML: Missing closing "quote at line 6, column 16:`]);
    });

    it("reports a missing required field at its parent", () => {
      assert.deepEqual(siteProblems("country: LV\n", ""), [`${SITE}:1:1: (document): missing required field "country"`]);
    });

    it("reports an unknown field at the field itself", () => {
      assert.deepEqual(siteProblems("  designPue: 1.2", "  designPue: 1.2\n  designPUE: 1.2"), [`${SITE}:23:3: facility.designPUE: unknown field "designPUE"`]);
    });

    it("reports a value outside an enumeration with the allowed values", () => {
      assert.deepEqual(siteProblems("technology: wind", "technology: wnd"), [
        `${SITE}:14:19: energy.supply[0].technology: must be one of: wind, solar, hydro, biomass, geothermal, nuclear, fossil, unknown`,
      ]);
    });

    it("reports an id that is not DNS-safe", () => {
      assert.deepEqual(siteProblems("  - id: hgx-h200", "  - id: HGX_H200"), [`${SITE}:26:9: blueprints[0].id: "HGX_H200" is not a valid DNS-safe identifier`]);
    });

    it("reports a wrong type", () => {
      assert.deepEqual(siteProblems("annualMWh: 240", "annualMWh: lots"), [`${SITE}:15:18: energy.supply[0].annualMWh: must be number`]);
    });

    it("reports a bad country code in fleet.yaml", () => {
      assert.deepEqual(problems(fleetWith("fleet.yaml", "country: LV", "country: Latvia")), [
        `fleet.yaml:5:12: operator.country: "Latvia" is not a valid ISO 3166-1 alpha-2`,
      ]);
    });

    it("reports an empty file, and a directory where a site file should be, without crashing", () => {
      const dir = fleetWith(SITE, readFileSync(join(MINIMAL_FLEET, SITE), "utf8"), "");
      mkdirSync(join(dir, "sites", "extra.yaml"));
      assert.deepEqual(problems(dir), [
        `sites/extra.yaml:1:1: (document): extra.yaml is a directory, not a YAML file`,
        `${SITE}:1:1: (document): the file should hold a mapping of fields (it is empty or holds a list or a scalar)`,
      ]);
    });

    it("reports a directory without fleet.yaml", () => {
      const dir = copyFleet();
      assert.deepEqual(problems(join(dir, "sites")), [`fleet.yaml:1:1: (document): no fleet.yaml in .`]);
    });
  });

  describe("semantic checks", () => {
    it("reports a duplicate id", () => {
      assert.deepEqual(siteProblems("{ id: startup, blueprint", "{ id: research, blueprint"), [
        `${SITE}:54:11: pools[1].id: duplicate pool id "research" (first at pools[0])`,
        `${SITE}:57:56: tenants[1].pools[0]: unknown pool "startup"`,
      ]);
    });

    it("reports a reference to a blueprint that does not exist", () => {
      assert.deepEqual(siteProblems("{ blueprint: hgx-h200, count: 2 }", "{ blueprint: hgx-h100, count: 2 }"), [
        `${SITE}:45:22: rackTypes[0].nodes[0].blueprint: unknown blueprint "hgx-h100"`,
      ]);
    });

    it("reports a rack whose nodes draw more than its feed allows", () => {
      const weak = "      - { voltage: 400, amperage: 32, phase: three, maxUtilisation: 0.8 }";
      const fleet = fleetWith(SITE, "      - { voltage: 400, amperage: 63, phase: three, maxUtilisation: 0.8 }\n      - {", `${weak}\n      - {`);
      assert.deepEqual(problems(fleet), [`${SITE}:41:7: rackTypes[0].feeds: rack type [hgx2] draws 21 kW but its feeds allow 17.7 kW (2N)`]);
    });

    it("reports more nodes than rack units", () => {
      assert.deepEqual(siteProblems("    rackUnits: 42", "    rackUnits: 16"), [
        `${SITE}:45:7: rackTypes[0].nodes: rack type [hgx2] needs 18 U for its nodes and reserved units but has 16 U`,
      ]);
    });

    it("reports a pool asking for more nodes than exist", () => {
      assert.deepEqual(siteProblems("nodes: 1, tenantClass: startup", "nodes: 2, tenantClass: startup"), [
        `${SITE}:54:48: pools[1].nodes: pool [startup] asks for 2 hgx-h200 nodes but only 1 are free`,
      ]);
    });

    it("reports a pool whose rack ranges hold too few free nodes, name unknown halls, or are empty", () => {
      const pool = "{ id: startup, blueprint: hgx-h200, nodes: 1, tenantClass: startup }";
      assert.deepEqual(siteProblems(pool, "{ id: startup, blueprint: hgx-h200, nodes: 1, tenantClass: startup, racks: [{ hall: h1, from: 3, to: 4 }] }"), [
        `${SITE}:54:48: pools[1].nodes: pool [startup] asks for 1 hgx-h200 nodes but only 0 are free in racks h1 r003–r004`,
      ]);
      assert.deepEqual(siteProblems(pool, "{ id: startup, blueprint: hgx-h200, nodes: 1, tenantClass: startup, racks: [{ hall: h9, from: 2, to: 1 }] }"), [
        `${SITE}:54:81: pools[1].racks[0]: rack range 2–1 is empty (from is after to)`,
        `${SITE}:54:89: pools[1].racks[0].hall: unknown hall "h9"`,
      ]);
    });

    it("reports a tenant quota larger than its pools", () => {
      assert.deepEqual(siteProblems("gpuQuota: 8, group", "gpuQuota: 9, group"), [
        `${SITE}:57:76: tenants[1].gpuQuota: tenant [acme] has a quota of 9 GPUs but its pools hold 8`,
      ]);
    });

    it("reports GPU quotas beyond the GPUs built of a blueprint, naming the figures", () => {
      assert.deepEqual(siteProblems("gpus: 24, lendingLimit: 8", "gpus: 32, lendingLimit: 8"), [
        `${SITE}:75:45: queues.classes[0].quotas[0].gpus: the quotas of blueprint [hgx-h200] add up to 40 GPUs (research 32, startup 8) but 32 are built`,
      ]);
    });

    it("reports a queue on an unknown blueprint, a lending limit beyond the quota, and a tenant class without a queue", () => {
      assert.deepEqual(siteProblems("blueprint: hgx-h200, gpus: 8,", "blueprint: hgx-h100, gpus: 8,"), [
        `${SITE}:77:29: queues.classes[1].quotas[0].blueprint: unknown blueprint "hgx-h100"`,
      ]);
      assert.deepEqual(siteProblems("lendingLimit: 8 }", "lendingLimit: 25 }"), [
        `${SITE}:75:63: queues.classes[0].quotas[0].lendingLimit: lends 25 GPUs but its quota is 24`,
      ]);
      assert.deepEqual(siteProblems("- class: startup", "- class: sme"), [
        `${SITE}:57:39: tenants[1].class: tenant [acme] is of class "startup", which has no queue in queues.classes`,
      ]);
    });

    it("reports a tenant without a group, and a malformed driver version", () => {
      assert.deepEqual(siteProblems(', group: "oidc:acme-admins"', ""), [`${SITE}:57:5: tenants[1]: missing required field "group"`]);
      assert.deepEqual(siteProblems("rackUnits: 8\n", 'rackUnits: 8\n    driverVersion: "580"\n'), [
        `${SITE}:33:20: blueprints[0].driverVersion: "580" is not a valid NVIDIA data-centre driver version (e.g. 580.82.07) the GPU Operator installs on this blueprint's nodes`,
      ]);
    });

    it("reports an unknown MIG strategy", () => {
      assert.deepEqual(siteProblems("queues:\n", "gpuSoftware: { migStrategy: all }\nqueues:\n"), [
        `${SITE}:71:29: gpuSoftware.migStrategy: must be one of: none, single, mixed`,
      ]);
    });

    it("reports overlapping address ranges", () => {
      assert.deepEqual(siteProblems("inBand: { cidr: 10.1.0.0/20 }", "inBand: { cidr: 10.0.8.0/21 }"), [
        `${SITE}:60:19: network.inBand.cidr: 10.0.8.0/21 overlaps 10.0.0.0/20 (network.outOfBand.cidr of site [tst-1])`,
      ]);
    });

    it("reports a range with host bits set", () => {
      assert.deepEqual(siteProblems("inBand: { cidr: 10.1.0.0/20 }", "inBand: { cidr: 10.1.0.1/20 }"), [
        `${SITE}:60:19: network.inBand.cidr: "10.1.0.1/20" has host bits set; the network is 10.1.0.0/20`,
      ]);
    });

    it("reports a malformed range without expanding the site, whatever other ranges it has", () => {
      const dir = fleetWith(
        SITE,
        "compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400",
        "compute: { cidr: 10.8.0.0/17, technology: ethernet, speedGbps: 400, underlayCidr: 10.9.0.0/23",
      );
      edit(dir, SITE, "outOfBand: { cidr: 10.0.0.0/20 }", "outOfBand: { cidr: 10.0.0.1/20 }");
      assert.deepEqual(problems(dir), [`${SITE}:59:22: network.outOfBand.cidr: "10.0.0.1/20" has host bits set; the network is 10.0.0.0/20`]);
    });

    it("reports a range too small for the racks", () => {
      assert.deepEqual(siteProblems("outOfBand: { cidr: 10.0.0.0/20 }", "outOfBand: { cidr: 10.0.0.0/27 }"), [
        `${SITE}:59:22: network.outOfBand.cidr: outOfBand holds 32 addresses but the racks need 35`,
      ]);
    });

    it("reports every per-node range, compute per rail, that a hall's address block overflows", () => {
      assert.deepEqual(siteProblems("    number: 1", "    number: 2"), [
        `${SITE}:59:22: network.outOfBand.cidr: outOfBand holds 4096 addresses but the racks need 16419`,
        `${SITE}:60:19: network.inBand.cidr: inBand holds 4096 addresses but the racks need 16419`,
        `${SITE}:61:20: network.storage.cidr: storage holds 4096 addresses but the racks need 16419`,
        `${SITE}:62:20: network.compute.cidr: compute holds 4096 addresses per rail but the racks need 16419`,
      ]);
    });

    it("reports a rack beyond the racks its hall's compute fabric is wired for", () => {
      const fleet = fleetWith(SITE, "      - { type: hgx2, from: 1, count: 2 }", "      - { type: hgx2, from: 1, count: 2 }\n    fabricRacks: 1");
      assert.deepEqual(problems(fleet), [
        `${SITE}:51:9: halls[0].racks[0]: rack r002 is beyond the 1 racks the hall's compute fabric is wired for (fabricRacks)`,
      ]);
    });

    it("reports a compute fabric wired for halls whose spine groups its core cannot join", () => {
      const compute = "compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400 }";
      assert.deepEqual(siteProblems(compute, compute.replace(" }", ", switchRadix: 4, growth: halls }")), [
        `${SITE}:62:12: network.compute: fabric [tst-1-compute] reserves 8 spine groups but a core of switchRadix 4 joins at most 4; use a larger radix or a fabric per hall`,
      ]);
    });

    it("reports rack numbers placed twice in a hall", () => {
      const fleet = fleetWith(
        SITE,
        "      - { type: hgx2, from: 1, count: 2 }",
        "      - { type: hgx2, from: 1, count: 2 }\n      - { type: hgx2, from: 2, count: 1 }",
      );
      assert.deepEqual(problems(fleet), [`${SITE}:52:9: halls[0].racks[1]: rack r002 of hall "h1" is already placed by racks[0]`]);
    });

    it("reports a subdivision outside the country", () => {
      assert.deepEqual(siteProblems("subdivision: LV-RIX", "subdivision: FI-05"), [`${SITE}:4:14: subdivision: subdivision FI-05 is not in country LV`]);
    });

    it("reports a site whose id differs from its file name", () => {
      assert.deepEqual(siteProblems("id: tst-1\n", "id: tst-2\n"), [
        `${SITE}:1:5: id: site id "tst-2" does not match its file name (tst-1)`,
        `${SITE}:69:37: storage[0].replicas[0].site: unknown site "tst-1"`,
      ]);
    });

    it("leaves a Guarantee of Origin claimed by two sites to renewable-power, on the later claim (whatever its case)", () => {
      const dir = withSecondSite();
      edit(dir, "sites/tst-2.yaml", '"LV-GO-2"', '" lv-go-1"');
      const loaded = loadFleet(dir, dir);
      assert.deepEqual(loaded.problems, []);
      const claims = auditFleet(loaded.fleet!, loaded.expanded).violations.filter((v) => v.message.includes("once"));
      assert.deepEqual(
        claims.map((v) => `${v.file}:${v.line}:${v.column}: ${v.enforcementLevel} ${v.policy}: ${v.message}`),
        [
          "sites/tst-2.yaml:16:63: mandatory renewable-power: site [tst-2] should claim each Guarantee of Origin once; energy.supply[0] claims certificate lv-go-1, already claimed by site [tst-1] energy.supply[0]",
        ],
      );
    });

    it("reports invalid places: an invented subdivision, a subdivision of another state, an unknown country", () => {
      assert.deepEqual(siteProblems("subdivision: LV-RIX", "subdivision: LV-XYZ"), [`${SITE}:4:14: subdivision: subdivision LV-XYZ is not an ISO 3166-2 code`]);
      assert.deepEqual(siteProblems("backups: [{ country: FI }]", "backups: [{ country: DK, subdivision: DK-GL }]"), [
        `${SITE}:70:43: storage[0].backups[0].subdivision: subdivision DK-GL is not an ISO 3166-2 code`,
      ]);
      assert.deepEqual(siteProblems("backups: [{ country: FI }]", "backups: [{ country: XX }]"), [
        `${SITE}:70:26: storage[0].backups[0].country: country XX is not an ISO 3166-1 alpha-2 code`,
      ]);
      assert.deepEqual(problems(fleetWith("fleet.yaml", "country: LV", "country: QQ")), [
        "fleet.yaml:5:12: operator.country: country QQ is not an ISO 3166-1 alpha-2 code",
      ]);
    });

    it("reports impossible energy and water figures", () => {
      assert.deepEqual(siteProblems("itEnergyMWh: 320", "itEnergyMWh: 442"), [
        `${SITE}:8:16: energy.itEnergyMWh: IT energy (EIT) 442 MWh is more than the data centre's total energy (EDC) 400 MWh; PUE cannot be below 1`,
        `${SITE}:8:16: energy.itEnergyMWh: IT energy (EIT) 442 MWh is more than the installed IT power can draw in period 2027: 42 kW × 8760 h = 367.9 MWh`,
      ]);
      assert.deepEqual(siteProblems("itEnergyMWh: 320", "itEnergyMWh: 368"), [
        `${SITE}:8:16: energy.itEnergyMWh: IT energy (EIT) 368 MWh is more than the installed IT power can draw in period 2027: 42 kW × 8760 h = 367.9 MWh`,
      ]);
      assert.deepEqual(siteProblems('period: "2027"', 'period: "2028"'), [], "a leap year has 8784 h");
      assert.deepEqual(siteProblems("reusedHeatMWh: 80", "reusedHeatMWh: 401"), [
        `${SITE}:11:18: energy.reusedHeatMWh: reused heat (EREUSE) 401 MWh is more than the total energy (EDC) 400 MWh`,
      ]);
      assert.deepEqual(siteProblems("potableWaterM3: 4", "potableWaterM3: 41"), [
        `${SITE}:10:19: energy.potableWaterM3: potable water (WIN-POT) 41 m³ is more than the water input (WIN) 40 m³`,
      ]);
    });

    it("accepts real codes whatever the policies will say of them: Greenland under Denmark, Greece as EL", () => {
      assert.deepEqual(siteProblems("backups: [{ country: FI }]", "backups: [{ country: DK, subdivision: GL-SM }]"), []);
      assert.deepEqual(siteProblems("backups: [{ country: FI }]", "backups: [{ country: EL, subdivision: GR-I }]"), []);
    });

    it("takes EL and GR for the same country when a replica names a fleet site", () => {
      const dir = withSecondSite();
      edit(dir, "sites/tst-2.yaml", "country: LV\nsubdivision: LV-RIX", "country: GR\nsubdivision: GR-I");
      edit(dir, SITE, "backups: [{ country: FI }]", "backups: [{ country: EL, site: tst-2 }]");
      assert.deepEqual(
        problems(dir).filter((p) => p.includes("backups")),
        [],
      );
    });

    it("reports a replica at a fleet site whose country it misstates", () => {
      const dir = withSecondSite();
      edit(dir, "sites/tst-2.yaml", "country: LV\nsubdivision: LV-RIX", "country: IS\nsubdivision: IS-2");
      edit(dir, SITE, "backups: [{ country: FI }]", "backups: [{ country: LV, site: tst-2 }]");
      assert.deepEqual(problems(dir), [
        `${SITE}:70:26: storage[0].backups[0].country: site [tst-2] is in IS, not LV`,
        "sites/tst-2.yaml:69:27: storage[0].replicas[0].country: site [tst-2] is in IS, not LV",
      ]);
    });

    it("reports an Ethernet compute fabric without an underlay, and an underlay overlapping another range", () => {
      const ethernet = "compute: { cidr: 10.8.0.0/17, technology: ethernet, speedGbps: 400";
      assert.deepEqual(siteProblems("compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400", ethernet), [
        `${SITE}:62:12: network.compute: an Ethernet compute fabric needs network.compute.underlayCidr for its routed underlay's point-to-point links`,
      ]);
      assert.deepEqual(siteProblems("compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400", `${ethernet}, underlayCidr: 10.0.0.0/23`), [
        `${SITE}:62:85: network.compute.underlayCidr: 10.0.0.0/23 overlaps 10.0.0.0/20 (network.outOfBand.cidr of site [tst-1])`,
      ]);
    });

    it("reports an Ethernet underlay too small for the fabric's links", () => {
      const ethernet = "compute: { cidr: 10.8.0.0/17, technology: ethernet, speedGbps: 400";
      assert.deepEqual(siteProblems("compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400", `${ethernet}, underlayCidr: 10.9.0.0/23`), []);
      assert.deepEqual(siteProblems("compute: { cidr: 10.8.0.0/17, technology: infiniband, speedGbps: 400", `${ethernet}, underlayCidr: 10.9.0.0/28`), [
        `${SITE}:62:85: network.compute.underlayCidr: 10.9.0.0/28 holds 8 /31 links but the compute fabric has 256`,
      ]);
    });

    it("reports a compute range too small to cut per rail, a 2N rack with one feed, and a reserved hall id", () => {
      assert.deepEqual(siteProblems("compute: { cidr: 10.8.0.0/17,", "compute: { cidr: 10.8.0.0/31,"), [
        `${SITE}:62:20: network.compute.cidr: 10.8.0.0/31 cannot be cut into one subnet per rail for 8 rails`,
      ]);
      assert.deepEqual(siteProblems("      - { voltage: 400, amperage: 63, phase: three, maxUtilisation: 0.8 }\n    cooling", "    cooling"), [
        `${SITE}:41:7: rackTypes[0].feeds: rack type [hgx2] is 2N but has 1 feed; 2N needs at least two`,
      ]);
      assert.deepEqual(siteProblems("  - id: h1\n", "  - id: fabric\n"), [
        `${SITE}:47:9: halls[0].id: hall id "fabric" is reserved (its shards would collide with the compute fabric's)`,
      ]);
    });

    it("refuses absurd sizes in the schema instead of running out of memory, and a sites file that is not a directory", () => {
      assert.deepEqual(siteProblems("{ type: hgx2, from: 1, count: 2 }", "{ type: hgx2, from: 1, count: 50000000 }"), [
        `${SITE}:51:39: halls[0].racks[0].count: must be <= 9999`,
      ]);
      const dir = copyFleet();
      rmSync(join(dir, "sites"), { recursive: true });
      writeFileSync(join(dir, "sites"), "not a directory\n");
      assert.deepEqual(problems(dir), ["sites:1:1: (document): sites should be a directory of site files (sites/<site-id>.yaml)"]);
    });

    it("reports every problem of every file in one run, ordered by file and line", () => {
      const dir = fleetWith(SITE, "technology: wind", "technology: wnd");
      edit(dir, SITE, "    rackUnits: 42", "    rackUnits: 16");
      edit(dir, "fleet.yaml", "country: LV", "country: lv");
      assert.deepEqual(problems(dir), [
        `fleet.yaml:5:12: operator.country: "lv" is not a valid ISO 3166-1 alpha-2`,
        `${SITE}:14:19: energy.supply[0].technology: must be one of: wind, solar, hydro, biomass, geothermal, nuclear, fossil, unknown`,
      ]);
      // The schema error stops the semantic checks of that file only; fixed, the next layer shows.
      edit(dir, SITE, "technology: wnd", "technology: wind");
      assert.deepEqual(problems(dir).slice(1), [`${SITE}:45:7: rackTypes[0].nodes: rack type [hgx2] needs 18 U for its nodes and reserved units but has 16 U`]);
    });
  });
});
