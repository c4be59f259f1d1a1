import pkg from '../../package.json' with { type: 'json' }

/** The app's version, from package.json, for About and appInfo. */
export const VERSION: string = pkg.version
