import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Called before a schema migration runs, e.g. to take a backup first. */
  onBeforeMigrate?: (from: number, to: number) => void
  readonly?: boolean
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { readonly: options.readonly ?? false })
  try {
    // Wait for another writer (a CLI import while the app runs) rather than failing at once.
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) db.pragma('journal_mode = WAL')
    // FULL: a write the user was told is saved survives power loss too, not only a crash.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    if (!options.readonly) migrate(db, options.onBeforeMigrate)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
