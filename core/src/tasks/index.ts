export { createTask, type TaskInput } from './task-service.ts';
