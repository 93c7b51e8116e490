/**
 * Promises to pay that have an outcome, for insight's promise-kept rate: a derived table
 * `(id, administration_id, debtor_id, promised_on, kept)`; `kept` is false for a broken promise.
 * Open and cancelled promises have no outcome and are not in it.
 */
export const PROMISE_OUTCOMES_SQL = `(select p.id, p.administration_id, p.debtor_id, p.promised_on, p.status = 'kept' as kept
   from payment_promise p where p.status in ('kept', 'broken'))`;
