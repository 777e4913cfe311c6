/** The facility of one site: location, grid connection, cooling, design PUE, heat reuse, power budget. */
import * as pulumi from "@pulumi/pulumi";
import type { SiteBudget } from "../../model/power-budget";
import { SITE_RESOURCE_TYPE, type SiteFacts } from "../../model/site-facts";

/** Arguments of a {@link Site}. */
export interface SiteArgs {
  /** Cooling of the facility. */
  readonly cooling: { readonly kind: string; readonly capacityKW?: number; readonly supplyTempC?: number };
  /** Power budget of the racks in this site, rolled up (see `siteBudget`). */
  readonly budget: SiteBudget;
  /** Accelerators in the site. */
  readonly accelerators: number;
  /**
   * The site facts the policy pack judges (where the site stands, energy evidence, design PUE and
   * heat reuse, storage locations, power, address ranges; see `siteFacts`): this component's
   * inputs, unchanged.
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
    super(SITE_RESOURCE_TYPE, name, args.facts, opts);
    this.itPowerKW = args.budget.itKW;
    this.facilityPowerKW = args.budget.facilityKW;
    this.gridHeadroomKW = args.budget.gridHeadroomKW;
    this.accelerators = args.accelerators;
    this.budget = args.budget;
    this.registerOutputs({
      country: args.facts.country,
      subdivision: args.facts.subdivision,
      designPue: args.facts.facility.designPue,
      cooling: args.cooling,
      heatReuse: args.facts.facility.heatReuse,
      powerBudget: args.budget,
      accelerators: args.accelerators,
    });
  }
}
