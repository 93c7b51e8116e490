import { invalid } from '../shared/errors.ts';
import { Joi, type Schema } from '../shared/joi.ts';

/** Query parameters every list route accepts. */
export const pageQuery = {
  limit: Joi.number().integer().min(1).max(500).default(50).description('Items per page (1–500).'),
  cursor: Joi.string().max(200).description('`nextCursor` of the previous page.'),
};

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The schema of a `Page` of `item`s, for a list route's `response.status`. */
export function pageOf(item: Schema) {
  return Joi.object({
    data: Joi.array().items(item).required(),
    nextCursor: Joi.string()
      .allow(null)
      .required()
      .description('Pass as `cursor` to get the next page; null on the last page'),
  });
}

/** Cursors are opaque: the id of the last item seen, ids being time-ordered. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && parsed.after.length <= 64) return parsed.after;
  } catch {}
  throw invalid('cursor', 'not a cursor returned by this API');
}

/** Builds a page from `limit + 1` rows fetched in id order. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  present: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { data: items.map(present), nextCursor: hasMore && last ? encodeCursor(last.id) : null };
}

/** Where a list sorted by something other than its id stopped: the last item's sort key and id. */
export interface KeyCursor {
  key: string | number;
  after: string;
}

/**
 * Cursors for sorted lists (an agenda by overdue balance, notes pinned first): the sort key travels
 * with the id, so the next page continues at `(key, id)` however many items share the key.
 */
export function encodeKeyCursor(key: string | number, lastId: string): string {
  return Buffer.from(JSON.stringify({ key, after: lastId })).toString('base64url');
}

export function decodeKeyCursor(cursor: string | undefined): KeyCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<KeyCursor>;
    const { key, after } = parsed;
    const keyOk =
      (typeof key === 'number' && Number.isFinite(key)) || (typeof key === 'string' && key.length <= 64);
    if (keyOk && typeof after === 'string' && after.length <= 64) return { key, after };
  } catch {}
  throw invalid('cursor', 'not a cursor returned by this API');
}

/** Builds a page from `limit + 1` rows fetched in `(key, id)` order. */
export function toKeyPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => string | number,
  present: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    data: items.map(present),
    nextCursor: hasMore && last ? encodeKeyCursor(keyOf(last), last.id) : null,
  };
}

/**
 * The cursor of a list offering its id order (plain cursors, as it always had) beside sorted orders
 * (key cursors): in the id order, the key is the id itself.
 */
export function decodeListCursor(sorted: boolean, cursor: string | undefined): KeyCursor | undefined {
  if (sorted) return decodeKeyCursor(cursor);
  const after = decodeCursor(cursor);
  return after === undefined ? undefined : { key: after, after };
}

/** Builds a page of such a list: plain cursors in the id order, key cursors in the others. */
export function toListPage<R extends { id: string; sortKey: string | number }, T>(
  rows: R[],
  limit: number,
  sorted: boolean,
  present: (row: R) => T,
): Page<T> {
  return sorted ? toKeyPage(rows, limit, (row) => row.sortKey, present) : toPage(rows, limit, present);
}
