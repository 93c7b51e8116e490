import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | undefined | string[] | object;

/**
 * Streams rows into a table with COPY (text format): the fastest way PostgreSQL takes bulk data.
 * Values are escaped here, so callers pass plain values; arrays of strings become PostgreSQL array
 * literals (an empty array too: `{}`), other objects and arrays JSON. For a jsonb column pass the
 * JSON text (`JSON.stringify(value)`), so an empty array is not taken for an array literal.
 */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: string[],
  rows: CopyValue[][],
): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  try {
    let chunk = '';
    for (const row of rows) {
      chunk += `${row.map(encode).join('\t')}\n`;
      if (chunk.length > 1 << 20) {
        if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
        chunk = '';
      }
    }
    stream.end(chunk);
  } catch (error) {
    // Without this the server would wait for the rest of the COPY forever, holding the connection.
    stream.destroy(error as Error);
  }
  await done;
}

function encode(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return escapeText(`{${value.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof value === 'object') return escapeText(JSON.stringify(value));
  return escapeText(value);
}

function escapeText(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}
