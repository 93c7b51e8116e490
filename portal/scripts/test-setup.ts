import { buildPortal } from './build.ts';

/** vitest's global setup: the tests (the size check) read the build, so they make it first. */
export default async function setup() {
  await buildPortal();
}
