import type { EntityManager } from '@mikro-orm/postgresql';
import type { PartyFacts, PartyState, Placement, StrategyVersion } from './evaluate-types.ts';
import { chooseSegment, type Segment } from './segment-rules.ts';
import { listSegments } from './segment-store.ts';
import { readSettings } from './settings-store.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

/** An administration's dunning policy as a run reads it once: strategies (current versions), segments, default. */
export interface Policy {
  strategies: Map<string, StrategyVersion>;
  segments: Segment[];
  defaultStrategyId: string | null;
}

export async function loadPolicy(em: EntityManager, administrationId: string): Promise<Policy> {
  const rows = await em.execute<
    { id: string; name: string; version: number; definition: StrategyDefinition }[]
  >(
    `select s.id, s.name, v.version, v.definition from dunning_strategy s
     join dunning_strategy_version v on v.strategy_id = s.id and v.version = s.current_version
     where s.administration_id = ?`,
    [administrationId],
  );
  const settings = await readSettings(em, administrationId);
  return {
    strategies: new Map(rows.map((row) => [row.id, row])),
    segments: await listSegments(em, administrationId),
    defaultStrategyId: settings.defaultStrategyId,
  };
}

/**
 * The strategy a party is dunned under: in an open episode, the one it started under (at its current
 * version) with the segment that chose it; else the first matching segment's, or the default. Pure.
 */
export function placeParty(
  policy: Policy,
  facts: PartyFacts,
  state: PartyState | undefined,
): Placement | null {
  if (state && state.closedOn === null) {
    const strategy = policy.strategies.get(state.strategyId);
    if (!strategy) return null;
    const segment = policy.segments.find((s) => s.id === state.segmentId);
    return {
      strategy,
      segment: segment ? { id: segment.id, name: segment.name, position: segment.position } : null,
    };
  }
  const overdueBalance = facts.invoices.reduce((sum, invoice) => sum + invoice.openAmount, 0);
  const segment = chooseSegment(policy.segments, { ...facts, overdueBalance });
  const strategyId = segment?.strategyId ?? policy.defaultStrategyId;
  const strategy = strategyId ? policy.strategies.get(strategyId) : undefined;
  if (!strategy) return null;
  return {
    strategy,
    segment: segment ? { id: segment.id, name: segment.name, position: segment.position } : null,
  };
}
