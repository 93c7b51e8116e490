import { expect } from 'vitest';
import type { Json } from './test-api.ts';

type Api = (method: string, url: string) => Promise<{ status: number; body: Json }>;

/** Every page of a cursor-paginated list route, following nextCursor; each page must answer 200. */
export async function listPages(
  api: Api,
  path: string,
  query: string,
  limit = 2,
): Promise<{ ids: string[]; pages: Json[] }> {
  const pages: Json[] = [];
  let cursor: string | null = null;
  do {
    const res = await api(
      'GET',
      `${path}?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { ids: pages.flatMap((page) => page.data.map((row: Json) => row.id)), pages };
}
