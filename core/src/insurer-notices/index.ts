export { insurerNoticeRoutes } from './insurer-notice-routes.ts';
export { insurerNoticesModule } from './insurer-notices-module.ts';
export { insurerNoticeJobs } from './notice-task.ts';
