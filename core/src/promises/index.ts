export { planTimeline, promiseTimeline } from './arrangement-timeline.ts';
export { makePromise } from './make-promise.ts';
export { monitorArrangements } from './monitor-arrangements.ts';
export { generateSchedule, periodInterest } from './plan-schedule.ts';
export { promisesModule } from './promises-module.ts';
