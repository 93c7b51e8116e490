export { insurerNoticeRoutes } from './insurer-notice-routes.ts';
export { insurerNoticeJobs } from './notice-task.ts';
