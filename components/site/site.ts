/** The facility of one site: location, grid connection, cooling, design PUE, heat reuse, power budget. */
import * as pulumi from "@pulumi/pulumi";
import type { SiteBudget } from "../../model/power-budget";
import { SITE_RESOURCE_TYPE, type SiteFacts } from "../../model/site-facts";

/** Arguments of a {@link Site}. */
export interface SiteArgs {
  /** Site id, DNS-safe (`riga-1`). */
  readonly id: string;
  /** ISO 3166-1 alpha-2 code of where the hardware stands. */
  readonly country: string;
  /** ISO 3166-2 code, when the inventory gives one. @default undefined */
  readonly subdivision?: string;
  /** Design power usage effectiveness (EN 50600-4-2). */
  readonly designPue: number;
  /** Cooling of the facility. */
  readonly cooling: { readonly kind: string; readonly capacityKW?: number; readonly supplyTempC?: number };
  /** Where the waste heat goes. @default undefined (no heat reuse) */
  readonly heatReuse?: { readonly consumer: string; readonly capacityMW: number };
  /** Power budget of the racks in this site, rolled up (see `siteBudget`). */
  readonly budget: SiteBudget;
  /** Accelerators in the site. */
  readonly accelerators: number;
  /**
   * The site facts the policy pack judges (jurisdiction, energy evidence, storage locations, power,
   * address ranges; see `siteFacts`), passed to the engine as this component's inputs.
   */
  readonly facts: SiteFacts;
}

/** One site of the fleet; every other component of the site's stacks hangs below it. */
export class Site extends pulumi.ComponentResource {
  readonly itPowerKW: number;
  readonly facilityPowerKW: number;
  readonly gridHeadroomKW: number;
  readonly accelerators: number;
  readonly budget: SiteBudget;

  constructor(name: string, args: SiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SITE_RESOURCE_TYPE, name, { ...args.facts, id: args.id, country: args.country, subdivision: args.subdivision }, opts);
    this.itPowerKW = args.budget.itKW;
    this.facilityPowerKW = args.budget.facilityKW;
    this.gridHeadroomKW = args.budget.gridHeadroomKW;
    this.accelerators = args.accelerators;
    this.budget = args.budget;
    this.registerOutputs({
      country: args.country,
      subdivision: args.subdivision,
      designPue: args.designPue,
      cooling: args.cooling,
      heatReuse: args.heatReuse,
      powerBudget: args.budget,
      accelerators: args.accelerators,
    });
  }
}
