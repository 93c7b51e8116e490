export { completeTasksOf, createTask, type TaskInput } from './task-service.ts';
export { taskTimeline } from './task-timeline.ts';
export { tasksModule } from './tasks-module.ts';
