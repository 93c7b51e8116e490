import type { ServerRoute } from '@hapi/hapi';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import type { KredoModule } from '../shared/kredo-module.ts';
import type { ModuleDeps } from './module-deps.ts';

type Modules = readonly KredoModule<ModuleDeps>[];

/** The modules' routes, in the list's order; each factory gets only the dependencies its module needs. */
export function moduleRoutes(modules: Modules, deps: Partial<ModuleDeps>): ServerRoute[] {
  return checked(modules).flatMap((module) => module.routes?.(depsOf(module, deps)) ?? []);
}

/** The modules' jobs, for the one job worker (jobs/job-worker.ts). */
export function moduleJobs(modules: Modules, deps: Partial<ModuleDeps>): ModuleJobs[] {
  return checked(modules).flatMap((module) => (module.jobs ? [module.jobs(depsOf(module, deps))] : []));
}

/** The routes of the modules whose every need `deps` meets: an API without the plugin runtime, say. */
export function routesGiven(modules: Modules, deps: Partial<ModuleDeps>): ServerRoute[] {
  const given = modules.filter((module) => module.needs.every((need) => deps[need] !== undefined));
  return moduleRoutes(given, deps);
}

function checked(modules: Modules): Modules {
  const names = modules.map((module) => module.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new Error(`the module "${twice}" is listed twice`);
  return modules;
}

function depsOf(module: KredoModule<ModuleDeps>, deps: Partial<ModuleDeps>): ModuleDeps {
  const given: Partial<ModuleDeps> = {};
  for (const need of module.needs) {
    if (deps[need] === undefined)
      throw new Error(`the module "${module.name}" needs "${need}", which was not given`);
    Object.assign(given, { [need]: deps[need] });
  }
  // Only the needs are there; the module's factories are typed to read nothing else.
  return given as ModuleDeps;
}
