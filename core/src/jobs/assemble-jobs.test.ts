import { describe, expect, it } from 'vitest';
import { assembleJobs, crontabLine } from './assemble-jobs.ts';
import type { JobTrigger } from './module-jobs.ts';
import { scheduledTask } from './scheduled-task.ts';

const noop = async () => {};

describe('assembleJobs', () => {
  it('runs every module’s tasks, cron entries and triggers in one worker', async () => {
    const trigger: JobTrigger = async () => ({ stop: noop });
    const assembled = assembleJobs([
      { tasks: { a: noop, b: noop }, cron: [{ schedule: '* * * * *', task: 'a', jobKey: 'a:poll' }] },
      { tasks: {}, triggers: [trigger] },
      scheduledTask('c', '15 * * * *', noop),
    ]);
    expect(Object.keys(assembled.taskList)).toEqual(['a', 'b', 'c']);
    expect(assembled.cronItems.map((item) => [item.identifier, item.options.jobKey])).toEqual([
      ['a', 'a:poll'],
      ['c', 'c'],
    ]);
    expect(assembled.triggers).toEqual([trigger]);
  });

  it('writes the crontab lines graphile-worker knows them by: the task as identifier, its job key', () => {
    expect(crontabLine({ schedule: '0 * * * *', task: 'announce_overdue_invoices' })).toBe(
      '0 * * * * announce_overdue_invoices ?jobKey=announce_overdue_invoices',
    );
  });

  it('refuses, at start-up, a task two modules define', () => {
    expect(() => assembleJobs([{ tasks: { a: noop } }, { tasks: { a: noop } }])).toThrow(
      'two modules define the job task "a"',
    );
  });

  it('refuses a cron entry naming no task', () => {
    expect(() => assembleJobs([{ tasks: {}, cron: [{ schedule: '* * * * *', task: 'gone' }] }])).toThrow(
      'a cron entry names the unknown job task "gone"',
    );
  });
});
