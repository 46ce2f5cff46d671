import { fitTitle, truncateDescription } from '../text.js';
import type { ConditionModel } from '../site-model.js';
import { routes } from '../urls.js';
import { framePage } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import type { PlanContext } from './plan-context.js';

/** A condition page: what it is and which of the clinic's services treat it. */
export function planCondition(context: PlanContext, condition: ConditionModel): PlannedPage {
  const route = routes.condition(condition.slug);
  const services = condition.serviceSlugs.map(context.service);
  return framePage(context, {
    route,
    template: 'condition',
    type: 'MedicalWebPage',
    title: fitTitle([
      `${condition.name}: treatment options | ${context.site.name}`,
      `${condition.name} treatment | ${context.site.name}`,
      `${condition.name} | ${context.site.name}`,
      `${condition.name}: treatment options`,
    ]),
    description: truncateDescription(condition.description),
    about: context.ids.condition(condition.slug),
    trail: [{ name: condition.name, route }],
    nodes: [context.conditionNode(condition), ...services.map((service) => context.therapyNode(service))],
    content: {
      heading: condition.name,
      alternateNames: condition.alternateNames,
      lead: condition.description,
      bodyHtml: condition.bodyHtml,
      treatments: services.map((service) => ({
        ...context.link(service.name, routes.service(service.slug)),
        description: service.description,
      })),
    },
  });
}
