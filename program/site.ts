/** The site component every stack of a site hangs below, carrying the facts the policy pack judges. */
import { Site } from "../components/site/site";
import { rackTotals } from "../inventory/expand";
import type { ExpandedSite } from "../inventory/fleet";
import { siteBudget, type SiteBudget } from "../model/power-budget";
import type { SiteFacts } from "../model/site-facts";

/** The figures of a site's root component, as plain data: what the stack reports reads these. */
export interface SitePlan {
  readonly budget: SiteBudget;
  readonly accelerators: number;
}

/** Plans the site's figures: its power budget and its accelerators. */
export function planSite(expanded: ExpandedSite): SitePlan {
  const { facility } = expanded.site;
  return { budget: siteBudget(expanded.racks, facility.designPue, facility.gridConnectionMW), accelerators: rackTotals(expanded.racks).accelerators };
}

/** Creates the root `Site` of a stack of `expanded`, with `facts` (see `siteFacts`) as its inputs and `plan`'s figures. */
export function siteComponent(expanded: ExpandedSite, facts: SiteFacts, plan: SitePlan = planSite(expanded)): Site {
  const { site } = expanded;
  return new Site(site.id, {
    cooling: site.facility.cooling,
    budget: plan.budget,
    accelerators: plan.accelerators,
    facts,
  });
}
