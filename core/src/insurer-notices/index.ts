export { DEFAULT_NOTICE_AFTER_DAYS } from './claim-notices.ts';
export { insurerNoticeRoutes } from './insurer-notice-routes.ts';
export { insurerNoticeTasks, NOTICE_TASK } from './notice-task.ts';
export { type NoticeRun, notifyInsurers, RetryableNoticeError } from './notify-insurers.ts';
