import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.ts';

const call = (tenantId: string, installationId: string, n: number) => ({ tenantId, installationId, n });
type Call = ReturnType<typeof call>;

function takeAll(queue: FairQueue<Call>, ready: (installationId: string) => boolean = () => true) {
  const order: string[] = [];
  for (let next = queue.take(ready); next; next = queue.take(ready)) {
    order.push(`${next.installationId}#${next.n}`);
  }
  return order;
}

describe('FairQueue', () => {
  it('serves tenants in turn, however many calls one of them queued first', () => {
    const queue = new FairQueue<Call>();
    for (let n = 1; n <= 4; n++) queue.push(call('flooder', 'a', n));
    queue.push(call('quiet', 'b', 1));
    queue.push(call('quiet', 'b', 2));
    expect(takeAll(queue)).toEqual(['a#1', 'b#1', 'a#2', 'b#2', 'a#3', 'a#4']);
    expect(queue.length).toBe(0);
  });

  it('serves a tenant’s installations in turn, each in arrival order', () => {
    const queue = new FairQueue<Call>();
    queue.push(call('t', 'a', 1));
    queue.push(call('t', 'a', 2));
    queue.push(call('t', 'b', 1));
    expect(takeAll(queue)).toEqual(['a#1', 'b#1', 'a#2']);
  });

  it('passes over an installation at its cap without losing its place', () => {
    const queue = new FairQueue<Call>();
    queue.push(call('t1', 'capped', 1));
    queue.push(call('t2', 'free', 1));
    expect(takeAll(queue, (id) => id !== 'capped')).toEqual(['free#1']);
    expect(queue.countOf('t1')).toBe(1);
    expect(takeAll(queue)).toEqual(['capped#1']);
  });

  it('removes a call whose time ran out, and drains what is left', () => {
    const queue = new FairQueue<Call>();
    const first = call('t', 'a', 1);
    queue.push(first);
    queue.push(call('t', 'a', 2));
    queue.push(call('u', 'b', 1));
    expect(queue.remove(first)).toBe(true);
    expect(queue.remove(first)).toBe(false);
    expect(queue.countOf('t')).toBe(1);
    expect(queue.drain().map((c) => `${c.installationId}#${c.n}`)).toEqual(['a#2', 'b#1']);
    expect(queue.length).toBe(0);
    expect(queue.countOf('u')).toBe(0);
  });
});
