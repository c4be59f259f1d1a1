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
    cacheStatements(db)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

const CACHED_STATEMENTS = 256

/**
 * Makes db.prepare return the same compiled statement for the same SQL. Compiling is most of the cost of a
 * small query (a list page or a toggle spends more time preparing its SQL than running it). A statement's
 * modes (pluck, raw, expand) stay set on it, so a cached one is handed out with them reset, as new.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db)
  const cache = new Map<string, Database.Statement>()
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql)
    if (stmt) {
      // Least recently used goes first: move this one to the back.
      cache.delete(sql)
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false)
    } else {
      stmt = prepare(sql)
      if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string)
    }
    cache.set(sql, stmt)
    return stmt
  }) as Db['prepare']
}
