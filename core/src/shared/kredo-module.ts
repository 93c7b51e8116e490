import type { ServerRoute } from '@hapi/hapi';
import type { ModuleJobs } from '../jobs/module-jobs.ts';

/**
 * One module as the app composes it: its routes and its jobs, each built from the dependencies it
 * needs. Every domain module's `index.ts` exports one, and `app/modules.ts` lists them all.
 *
 * `Deps` is what the module's factories take (their parameter type); `needs` names the same keys, so
 * the app hands each module only those (app/compose-modules.ts). The app's list is typed against
 * what it can give (`app/module-deps.ts`): a module needing anything else does not compile there.
 */
export interface KredoModule<Deps extends object = never> {
  /** The module's folder under `core/src/`. */
  readonly name: string;
  readonly needs: readonly (keyof Deps & string)[];
  readonly routes?: (deps: Deps) => readonly ServerRoute[];
  readonly jobs?: (deps: Deps) => ModuleJobs;
}

type Unlisted<Deps, Needs extends readonly PropertyKey[]> = Exclude<keyof Deps, Needs[number]>;

/**
 * Returns its argument, typed: `Deps` is inferred from the factories, and a dependency they take that
 * `needs` does not name is a compile error (`needs is missing …`).
 */
export function defineModule<Deps extends object, const Needs extends readonly (keyof Deps & string)[]>(
  module: {
    name: string;
    needs: Needs;
    routes?: (deps: Deps) => readonly ServerRoute[];
    jobs?: (deps: Deps) => ModuleJobs;
  } & ([Unlisted<Deps, Needs>] extends [never]
    ? unknown
    : { [missing in `needs is missing ${Unlisted<Deps, Needs> & string}`]: never }),
): KredoModule<Deps> {
  return module;
}
