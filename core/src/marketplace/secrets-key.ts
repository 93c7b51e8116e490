import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The plugin secrets key: from configuration, else generated once into the data directory. */
export async function secretsKey(dataDir: string, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'base64');
  const file = join(dataDir, 'secrets-key');
  if (existsSync(file)) return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString('base64'), { mode: 0o600 });
  return key;
}
