import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 15 ms a check here. The
 * algorithm number is argon2's own (2 = argon2id); the package's enum is a const enum, which
 * isolated modules cannot import.
 */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A hash of a password nobody knows, made once per process: an unknown e-mail is checked against
 * it, so that it costs what a wrong password costs and the answer's timing tells nothing.
 */
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${crypto.randomUUID()}`);
  return dummy;
}

/** True when `password` matches `stored`; with no stored hash, the same work against a dummy, and false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  const against = stored ?? (await dummyHash());
  const matches = await verify(against, password).catch(() => false);
  return stored != null && matches;
}
