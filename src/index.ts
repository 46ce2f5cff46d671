/** clinic-seo's library API. */
export { buildSite, DEFAULT_TEMPLATES_DIR, type BuildOptions, type BuildResult } from './build.js';
export type { BuildProgress, BuildStage, ProgressListener } from './io/build-progress.js';
export { runCli } from './cli.js';
export { loadDataset } from './io/load-dataset.js';
export { validateDataset, type Dataset, type DataSources } from './core/validate-dataset.js';
export { normalizeDataset } from './core/normalize.js';
export { planPages } from './core/plan-pages.js';
export type { PlannedPage, PageView, TemplateName } from './core/pages/page-model.js';
export type { SiteModel, LocationModel, ServiceModel, ConditionModel } from './core/site-model.js';
export { serializeJsonLd } from './core/jsonld/serialize-json-ld.js';
export { entityIds, routes, idRef } from './core/urls.js';
export { formatProblem, UserError, type Problem } from './core/problems.js';
