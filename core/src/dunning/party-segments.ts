/**
 * The segment each dunned party was last placed in by a dunning run: a derived table
 * `(debtor_id, segment_id)` (the party's debtor id: a debtor, or the parent of a group dunned as one
 * dossier). Insight filters and groups its figures by segment with it; dunning alone reads its state.
 */
export const PARTY_SEGMENTS_SQL = `(select s.debtor_id, s.segment_id from dunning_state s
   where s.segment_id is not null)`;
