import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { PRINTED_LETTER_SQL, readAction, readRunLetters } from './delivery-store.ts';
import { letterFor } from './letter-content.ts';
import { lettersPdf } from './letter-pdf.ts';

/**
 * Letters as PDF files, drawn on request from the stored actions (with the pay link and lines they
 * went out with) and the administration's sender fields as they are now: what the API's letter routes
 * and the demo's mail catcher serve.
 */

/** One letter action's PDF (or an e-mail step's that went as a letter); 404 for an unknown action, 409 for one that is not a letter. */
export async function actionLetterPdf(orm: Orm, tenantId: string, actionId: string): Promise<Buffer> {
  const action = await readAsTenant(orm, tenantId, (em) => readAction(em, actionId));
  if (!action) throw notFound('Dunning action', actionId);
  if (action.kind !== 'letter' && action.delivery?.channel !== 'letter') {
    throw new DomainError('not_a_letter', 409, `Action ${actionId} is a ${action.kind}, not a letter`);
  }
  return lettersPdf([(await letterFor(orm, action)).content]);
}

/** A run's print batch: its letters that went into the batch, by debtor number, each on new pages. */
export async function runLettersPdf(orm: Orm, tenantId: string, runId: string): Promise<Buffer> {
  const letters = await readAsTenant(orm, tenantId, async (em) => {
    const [run] = await em.execute<{ id: string }[]>('select id from dunning_run where id = ?', [runId]);
    if (!run) throw notFound('Dunning run', runId);
    return readRunLetters(em, runId);
  });
  const contents = [];
  for (const action of letters) contents.push((await letterFor(orm, action)).content);
  // The print run's order: by debtor number, as the debtors are filed.
  contents.sort((a, b) => a.view.debtor.number.localeCompare(b.view.debtor.number, 'en', { numeric: true }));
  return lettersPdf(contents);
}

/** The latest runs that put letters in a print batch, newest first, with their letters: the catcher's list. */
export async function recentLetterRuns(orm: Orm, tenantId: string, runs = 5) {
  return readAsTenant(orm, tenantId, (em) =>
    em.execute<{ run_id: string; started_at: string; letters: { id: string; step: string }[] }[]>(
      `select r.id as run_id, r.started_at,
         json_agg(json_build_object('id', a.id, 'step', a.step_name) order by a.id) as letters
       from dunning_run r join dunning_action a on a.run_id = r.id
       where ${PRINTED_LETTER_SQL}
       group by r.id, r.started_at order by r.started_at desc limit ?`,
      [runs],
    ),
  );
}
