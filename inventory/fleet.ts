/** The typed fleet the loader returns, and the per-node ledger that expansion makes of it. */
import type { AddressPlan } from "../model/address-plan";
import type { FleetFile, Operator, PolicySettings } from "./schema/fleet";
import type { BmcTlsSpec } from "./schema/bmc-access";
import type { BmcProtocol, Blueprint, RackType } from "./schema/hardware";
import type { Site } from "./schema/site";
import type { TenantClass } from "./schema/workload";
import type { MeteredYear } from "./metering";
import type { FieldPath } from "./problem";

/** Where a field of the inventory was written, for reports that point reviewers at a line. */
export interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Resolves a field path of one file of the fleet to its location. */
export type Locator = (path: FieldPath) => Located;

/** A validated site with the file it came from. */
export interface SiteEntry {
  readonly site: Site;
  readonly file: string;
  readonly locate: Locator;
  /** The site's metered years (`reporting.metering`), each file checked. */
  readonly metering: readonly MeteredYear[];
}

/** A validated fleet. Sites are ordered by id. */
export interface Fleet {
  readonly dir: string;
  readonly name: string;
  readonly description?: string;
  readonly operator: Operator;
  readonly policy: PolicySettings;
  readonly file: string;
  readonly locate: Locator;
  readonly sites: readonly SiteEntry[];
}

/** One physical rack. */
export interface RackRecord {
  /** `riga-1-h1-r001`. */
  readonly name: string;
  readonly site: string;
  readonly hall: string;
  /** `r001`. */
  readonly id: string;
  readonly number: number;
  readonly type: RackType;
  readonly drawKW: number;
  readonly usableKW: number;
  readonly nodes: readonly NodeRecord[];
}

/** One line of the per-node ledger. */
export interface NodeRecord {
  /** `riga-1-h1-r001-n01`: derived from position only, never renumbered. */
  readonly hostname: string;
  readonly site: string;
  readonly hall: string;
  readonly rack: string;
  /** Position of the node in the rack, 1-based from the bottom. */
  readonly index: number;
  /** Lowest rack unit the node occupies. */
  readonly slot: number;
  readonly blueprint: string;
  readonly accelerators: number;
  readonly powerKW: number;
  /** The BMC: URLs, the credential reference and the TLS trust (`bmcAccess` of the site). */
  readonly bmc: {
    readonly protocol: BmcProtocol;
    readonly url: string;
    readonly fallbackUrl?: string;
    readonly credentials: string;
    readonly tls?: BmcTlsSpec;
  };
  readonly outOfBandIp: string;
  readonly inBandIp: string;
  readonly storageIp: string;
  readonly computeIps: readonly string[];
  /** Pool the node serves, when one claims it. */
  pool?: string;
  tenantClass?: TenantClass;
}

/** A site with its racks, nodes and address plan. */
export interface ExpandedSite {
  readonly site: Site;
  readonly plan: AddressPlan;
  readonly blueprints: ReadonlyMap<string, Blueprint>;
  readonly racks: readonly RackRecord[];
  readonly nodes: readonly NodeRecord[];
  /** Nodes each pool got; fewer than it asked for means too few nodes of its blueprint exist. */
  readonly poolNodes: ReadonlyMap<string, number>;
}

/** Figures for the one-line summary. */
export interface FleetSummary {
  readonly sites: number;
  readonly racks: number;
  readonly nodes: number;
  readonly accelerators: number;
  readonly itPowerKW: number;
}

export type { FleetFile, Operator, PolicySettings, Site };
