import { afterEach, describe, expect, it, vi } from 'vitest'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { join } from 'node:path'
import { openDatabase, type Db } from './connection'
import { NewerDatabaseError, SCHEMA_VERSION, type Migration } from './migrations'
import { backupDir, createBackup, listBackups } from './backup'
import { openLibrary } from './recovery'
import type * as RecoveryModule from './recovery'
import type * as MigrationsModule from './migrations'
import { addDigest, paper, tmpDir } from '../../../tests/helpers/tmp'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
  vi.doUnmock('./migrations')
  vi.resetModules()
})

// A 1×1 PNG: what a library file looks like after something else was saved over it.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63fcffff3f0005fe02fea7d6a4ad0000000049454e44ae426082',
  'hex'
)

const BACKUP_TIME = new Date(2026, 10, 27, 8, 15, 0)
const RECOVERY_TIME = new Date(Date.UTC(2026, 10, 28, 12, 0, 0))

function folder(): string {
  const t = tmpDir()
  cleanups.push(t.cleanup)
  return t.dir
}

function track(db: Db): Db {
  cleanups.unshift(() => {
    if (db.open) db.close()
  })
  return db
}

const longAbstract = (i: number): string =>
  `Paper ${i} studies ${'sparse attention over long contexts with careful ablations '.repeat(30)}`

/**
 * A library of 300 papers with long abstracts (a few hundred pages, so a page in the middle is real data),
 * backed up, then changed after the backup and closed, which checkpoints the WAL into the main file.
 */
async function libraryWithBackup(): Promise<{ dbPath: string; dir: string }> {
  const dbPath = join(folder(), 'papershelf.db')
  const dir = backupDir(dbPath)
  const db = openDatabase(dbPath)
  addDigest(
    db,
    'seed',
    Array.from({ length: 300 }, (_, i) => paper(`Paper ${i}`, { abstract: longAbstract(i) }))
  )
  await createBackup(db, dir, { now: BACKUP_TIME })
  addDigest(db, 'after', [paper('Imported after the backup')])
  db.close()
  expect(existsSync(`${dbPath}-wal`)).toBe(false)
  expect(statSync(dbPath).size).toBeGreaterThan(4096 * 100)
  return { dbPath, dir }
}

function count(db: Db): number {
  return db.prepare('SELECT count(*) FROM papers').pluck().get() as number
}

function damagedFiles(dbPath: string): string[] {
  const dir = join(dbPath, '..')
  return readdirSync(dir)
    .filter((n) => n.startsWith('papershelf.db.damaged-') && !/-(wal|shm)$/.test(n))
    .map((n) => join(dir, n))
}

const corruptions: Array<[string, (dbPath: string) => void]> = [
  [
    'a page in the middle overwritten with garbage',
    (dbPath) => {
      const fd = openSync(dbPath, 'r+')
      writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 3)
      closeSync(fd)
    }
  ],
  ['the file truncated to half', (dbPath) => truncateSync(dbPath, Math.floor(statSync(dbPath).size / 2))],
  ['the file replaced by a PNG', (dbPath) => writeFileSync(dbPath, PNG)]
]

describe('openLibrary on a damaged library', () => {
  it.each(corruptions)(
    'recovers from %s: restores the newest good backup and keeps the file',
    async (_, corrupt) => {
      const { dbPath } = await libraryWithBackup()
      corrupt(dbPath)
      const damagedBytes = readFileSync(dbPath)

      const { db, notice } = openLibrary(dbPath, { now: RECOVERY_TIME })
      track(db)

      expect(count(db)).toBe(300)
      expect(
        db.prepare('SELECT count(*) FROM papers WHERE title = ?').pluck().get('Imported after the backup')
      ).toBe(0)
      expect(db.pragma('quick_check', { simple: true })).toBe('ok')
      const kept = `${dbPath}.damaged-2026-11-28T12-00-00Z`
      expect(damagedFiles(dbPath)).toEqual([kept])
      expect(readFileSync(kept).equals(damagedBytes)).toBe(true)
      expect(notice).toBe(
        `Papershelf found its library damaged and restored the backup of 27 Nov 2026, 08:15, so changes made after that may be lost; the damaged file was kept as ${kept}.`
      )
      // Search works on the restored library.
      expect(
        db.prepare("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH 'ablations'").pluck().get()
      ).toBe(300)
    }
  )

  it('skips a damaged newer backup and restores the older good one', async () => {
    const { dbPath, dir } = await libraryWithBackup()
    const newer = join(dir, 'papershelf-2026-11-28T07-00-00Z.db')
    writeFileSync(newer, PNG)
    writeFileSync(dbPath, PNG)

    const { db, notice } = openLibrary(dbPath)
    track(db)

    expect(count(db)).toBe(300)
    expect(notice).toContain('restored the backup of 27 Nov 2026, 08:15')
    expect(readFileSync(newer).equals(PNG)).toBe(true)
  })

  it('starts a new, empty library when there is no usable backup, and keeps the damaged file', async () => {
    const dbPath = join(folder(), 'papershelf.db')
    writeFileSync(dbPath, PNG)
    writeFileSync(`${dbPath}-wal`, 'wal of the damaged file')

    const { db, notice } = openLibrary(dbPath, { now: RECOVERY_TIME })
    track(db)

    expect(count(db)).toBe(0)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const kept = `${dbPath}.damaged-2026-11-28T12-00-00Z`
    expect(readFileSync(kept).equals(PNG)).toBe(true)
    expect(readFileSync(`${kept}-wal`, 'utf8')).toBe('wal of the damaged file')
    expect(notice).toBe(
      `Papershelf found its library damaged and had no usable backup, so it started a new, empty library; the damaged file was kept as ${kept}.`
    )
  })

  it('rebuilds a search index that no longer matches the papers, without restoring anything', async () => {
    const { dbPath, dir } = await libraryWithBackup()
    const raw = new Database(dbPath)
    // Change titles behind the index's back, as a bug or an outside tool might.
    raw.exec("DROP TRIGGER papers_fts_update; UPDATE papers SET title = 'Renamed quietly' WHERE id <= 5")
    raw.close()

    const { db, notice } = openLibrary(dbPath)
    track(db)

    expect(notice).toBe(
      'Papershelf found its search index damaged and rebuilt it; no papers, notes or tags were lost.'
    )
    expect(count(db)).toBe(301)
    expect(db.prepare("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH 'quietly'").pluck().get()).toBe(
      5
    )
    expect(damagedFiles(dbPath)).toEqual([])
    expect(listBackups(dir)).toHaveLength(1)
  })
})

describe('openLibrary on a sound library', () => {
  it('creates a new library without a notice or a backup', () => {
    const dbPath = join(folder(), 'papershelf.db')
    const { db, notice } = openLibrary(dbPath)
    track(db)
    expect(notice).toBeNull()
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(existsSync(backupDir(dbPath))).toBe(false)
  })

  it('opens an existing library as it is', async () => {
    const { dbPath } = await libraryWithBackup()
    const { db, notice } = openLibrary(dbPath)
    track(db)
    expect(notice).toBeNull()
    expect(count(db)).toBe(301)
    expect(damagedFiles(dbPath)).toEqual([])
  })

  it('refuses a library from a newer version without treating it as damaged or touching it', () => {
    const dbPath = join(folder(), 'papershelf.db')
    const raw = new Database(dbPath)
    raw.exec('CREATE TABLE future (x)')
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    const before = readFileSync(dbPath)

    expect(() => openLibrary(dbPath)).toThrow(NewerDatabaseError)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(readdirSync(join(dbPath, '..'))).toEqual(['papershelf.db'])
  })
})

describe('openLibrary before a schema migration', () => {
  // A build with one more migration than this one, so that today's schema is the "old" one.
  async function withNextMigration(): Promise<typeof RecoveryModule> {
    const next: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'next',
      up: (db) => db.exec('CREATE TABLE next_feature (x)')
    }
    vi.resetModules()
    vi.doMock('./migrations', async (importOriginal) => {
      const real = await importOriginal<typeof MigrationsModule>()
      const list = [...real.migrations, next]
      return {
        ...real,
        migrations: list,
        SCHEMA_VERSION: list.length,
        migrate: (db: Db, hook?: (from: number, to: number) => void) => real.migrate(db, hook, list)
      }
    })
    return import('./recovery')
  }

  it('backs up an existing library before migrating it', async () => {
    const dbPath = join(folder(), 'papershelf.db')
    const db = openDatabase(dbPath)
    addDigest(db, 'seed', [paper('Kept through the upgrade')])
    db.close()
    const { openLibrary: openNext } = await withNextMigration()

    const opened = openNext(dbPath, { now: BACKUP_TIME })
    track(opened.db)

    expect(opened.notice).toBeNull()
    expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1)
    const backups = listBackups(backupDir(dbPath))
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration'])
    const backup = new Database(backups[0]?.path as string, { readonly: true })
    expect(backup.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(backup.prepare('SELECT title FROM papers').pluck().all()).toEqual(['Kept through the upgrade'])
    backup.close()
  })

  it('takes no backup of a brand-new, empty file', async () => {
    const dir = folder()
    const dbPath = join(dir, 'papershelf.db')
    writeFileSync(dbPath, '')
    const { openLibrary: openNext } = await withNextMigration()
    const opened = openNext(dbPath)
    track(opened.db)
    expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1)
    expect(existsSync(backupDir(dbPath))).toBe(false)
  })
})
