import corePackage from '../../package.json' with { type: 'json' };

/** This core's version: a plugin version is accepted only if its `requirements.core` admits it. */
export const CORE_VERSION: string = corePackage.version;
