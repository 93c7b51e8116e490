export { insurerNoticeRoutes } from './insurer-notice-routes.ts';
export { insurerNoticeTasks } from './notice-task.ts';
