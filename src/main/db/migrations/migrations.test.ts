import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { openDatabase } from '../connection'
import { migrate, migrations, NewerDatabaseError, SCHEMA_VERSION, type Migration } from './index'
import { tmpDir } from '../../../../tests/helpers/tmp'

let cleanup = (): void => {}
afterEach(() => cleanup())

function freshPath(): string {
  const t = tmpDir()
  cleanup = t.cleanup
  return join(t.dir, 'lib.db')
}

describe('migrations', () => {
  it('creates the schema with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(freshPath())
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")
      .pluck()
      .all()
    for (const t of [
      'digests',
      'papers',
      'digest_papers',
      'notes',
      'tags',
      'paper_tags',
      'papers_fts',
      'settings'
    ]) {
      expect(tables).toContain(t)
    }
    db.close()
  })

  it('is idempotent: reopening runs nothing again', () => {
    const path = freshPath()
    openDatabase(path).close()
    let called = false
    const db = openDatabase(path, { onBeforeMigrate: () => (called = true) })
    expect(called).toBe(false)
    db.close()
  })

  it('refuses a database written by a newer version, with a clear message, and leaves it alone', () => {
    const path = freshPath()
    const raw = new Database(path)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
    raw.close()
    expect(() => openDatabase(path)).toThrow(NewerDatabaseError)
    expect(() => openDatabase(path)).toThrow(/newer version of Papershelf/)
    const again = new Database(path)
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5)
    again.close()
  })

  it('runs each step in one transaction: a failing step leaves the previous version intact', () => {
    const db = new Database(freshPath())
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE b (x)')
          throw new Error('boom')
        }
      }
    ]
    expect(() => migrate(db, undefined, steps)).toThrow('boom')
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(['a'])
    db.close()
  })

  it('calls the before-migrate hook (for a backup) only when there is something to migrate', () => {
    const calls: Array<[number, number]> = []
    const db = openDatabase(freshPath(), { onBeforeMigrate: (from, to) => calls.push([from, to]) })
    expect(calls).toEqual([[0, SCHEMA_VERSION]])
    db.close()
  })

  it('v2 fills in the stored digest counts of a v1 library', () => {
    const db = new Database(freshPath())
    db.pragma('foreign_keys = ON')
    migrate(db, undefined, migrations.slice(0, 1))
    db.exec(`
      INSERT INTO digests (id, name, format, imported_at, found, added, duplicates)
        VALUES (1, 'a', 'hf-text', '2026-01-01', 2, 2, 0), (2, 'b', 'hf-text', '2026-01-02', 1, 0, 1),
               (3, 'empty', 'hf-text', '2026-01-03', 0, 0, 0);
      INSERT INTO papers (id, title, title_key, added_at, first_digest_id, read)
        VALUES (1, 'One', 'one', '2026-01-01', 1, 1), (2, 'Two', 'two', '2026-01-01', 1, 0);
      INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (1, 1, 0), (1, 2, 1), (2, 1, 0);
    `)
    migrate(db)
    expect(db.prepare('SELECT id, paper_count, read_count FROM digests ORDER BY id').raw().all()).toEqual([
      [1, 2, 1],
      [2, 1, 1],
      [3, 0, 0]
    ])
    db.close()
  })
})
