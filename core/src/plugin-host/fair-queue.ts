/** Something waiting for a worker slot, owned by a tenant's installation. */
export interface Queued {
  tenantId: string;
  installationId: string;
}

/**
 * Calls waiting for a worker, served fairly: tenants in turn, and within a tenant its installations
 * in turn, each installation's calls in arrival order. A tenant that queues a thousand calls waits
 * behind its own calls, not in front of another tenant's one.
 */
export class FairQueue<T extends Queued> {
  /** tenant → installation → calls, in insertion order; the Maps' order is the rotation. */
  private readonly tenants = new Map<string, Map<string, T[]>>();
  private readonly counts = new Map<string, number>();
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Queued calls of one tenant. */
  countOf(tenantId: string): number {
    return this.counts.get(tenantId) ?? 0;
  }

  push(item: T): void {
    let installations = this.tenants.get(item.tenantId);
    if (installations === undefined) {
      installations = new Map();
      this.tenants.set(item.tenantId, installations);
    }
    const calls = installations.get(item.installationId);
    if (calls === undefined) installations.set(item.installationId, [item]);
    else calls.push(item);
    this.counts.set(item.tenantId, this.countOf(item.tenantId) + 1);
    this.size++;
  }

  /**
   * The next call in turn whose installation `ready` admits (one under its in-flight cap), removed
   * from the queue; the tenant and installation it came from move to the back of their rotation.
   */
  take(ready: (installationId: string) => boolean): T | undefined {
    for (const [tenantId, installations] of this.tenants) {
      for (const [installationId, calls] of installations) {
        if (!ready(installationId)) continue;
        const item = calls.shift() as T;
        installations.delete(installationId);
        if (calls.length > 0) installations.set(installationId, calls);
        this.tenants.delete(tenantId);
        if (installations.size > 0) this.tenants.set(tenantId, installations);
        this.forgetOne(tenantId);
        return item;
      }
    }
    return undefined;
  }

  /** Takes `item` out wherever it waits (its queue time ran out); false when it was not queued. */
  remove(item: T): boolean {
    const installations = this.tenants.get(item.tenantId);
    const calls = installations?.get(item.installationId);
    const index = calls?.indexOf(item) ?? -1;
    if (installations === undefined || calls === undefined || index < 0) return false;
    calls.splice(index, 1);
    if (calls.length === 0) installations.delete(item.installationId);
    if (installations.size === 0) this.tenants.delete(item.tenantId);
    this.forgetOne(item.tenantId);
    return true;
  }

  /** Empties the queue, answering nothing: the caller settles what it gets back. */
  drain(): T[] {
    const all = [...this.tenants.values()].flatMap((installations) => [...installations.values()].flat());
    this.tenants.clear();
    this.counts.clear();
    this.size = 0;
    return all;
  }

  private forgetOne(tenantId: string): void {
    const left = this.countOf(tenantId) - 1;
    if (left > 0) this.counts.set(tenantId, left);
    else this.counts.delete(tenantId);
    this.size--;
  }
}
