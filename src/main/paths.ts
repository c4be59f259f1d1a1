import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Papershelf'
export const DB_FILE = 'papershelf.db'

/**
 * The folder Electron's app.getPath('userData') gives for this app, computed without Electron so the CLI
 * and browser mode open the very same library as the desktop app.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}

/** --db wins, then PAPERSHELF_DB, then the user's data folder. */
export function resolveDbPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  dataDir?: string
): string {
  return flag || env.PAPERSHELF_DB || join(dataDir ?? defaultDataDir(env), DB_FILE)
}
