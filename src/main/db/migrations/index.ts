import type { Database } from 'better-sqlite3'
import { m0010Init } from './0010-init'
import { m0020DigestCounts } from './0020-digest-counts'

export interface Migration {
  version: number
  name: string
  up: (db: Database) => void
}

/** Forward-only, in order; each one runs in its own transaction together with its user_version bump. */
export const migrations: Migration[] = [m0010Init, m0020DigestCounts]

export const SCHEMA_VERSION = migrations.length

export class NewerDatabaseError extends Error {
  override name = 'NewerDatabaseError'
}

export function migrate(
  db: Database,
  onBeforeMigrate?: (from: number, to: number) => void,
  list: Migration[] = migrations
): number {
  const target = list.length
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > target) {
    throw new NewerDatabaseError(
      `This library was written by a newer version of Papershelf (schema ${current}; this version knows ${target}). Update Papershelf to open it.`
    )
  }
  if (current < target) onBeforeMigrate?.(current, target)
  for (const m of list) {
    if (m.version <= current) continue
    db.transaction(() => {
      // Read again under the write lock: another process may have migrated since the check above.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return current
}
