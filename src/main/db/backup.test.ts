import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { basename, join } from 'node:path'
import { openDatabase, type Db } from './connection'
import { SCHEMA_VERSION } from './migrations'
import {
  backupBeforeMigrate,
  backupDir,
  createBackup,
  dailyBackupIfDue,
  listBackups,
  pruneBackups,
  restoreBackup
} from './backup'
import { UserError } from '../errors'
import { addDigest, paper, tmpDir } from '../../../tests/helpers/tmp'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

function library(count = 3): { db: Db; dbPath: string; dir: string; folder: string } {
  const t = tmpDir()
  const dbPath = join(t.dir, 'papershelf.db')
  const db = openDatabase(dbPath)
  cleanups.push(() => {
    if (db.open) db.close()
    t.cleanup()
  })
  addDigest(
    db,
    'seed',
    Array.from({ length: count }, (_, i) => paper(`Seed paper ${i}`, { abstract: `abstract ${i}` }))
  )
  return { db, dbPath, dir: backupDir(dbPath), folder: t.dir }
}

function titles(file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('SELECT title FROM papers ORDER BY id').pluck().all() as string[]
  } finally {
    db.close()
  }
}

function integrity(file: string): unknown {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma('integrity_check', { simple: true })
  } finally {
    db.close()
  }
}

const day = (d: number, h = 9): Date => new Date(2026, 10, d, h, 15, 0)

describe('createBackup', () => {
  it('writes a verified, self-contained, dated copy and lists it', async () => {
    const { db, dir } = library()
    // Still in the WAL, not checkpointed: the online backup must include it.
    addDigest(db, 'late', [paper('Written just before the backup')])
    const info = await createBackup(db, dir, { now: new Date(Date.UTC(2026, 10, 27, 8, 15, 0)) })

    expect(basename(info.path)).toBe('papershelf-2026-11-27T08-15-00Z.db')
    expect(info).toMatchObject({ createdAt: '2026-11-27T08:15:00.000Z', reason: null })
    expect(info.bytes).toBe(statSync(info.path).size)
    expect(integrity(info.path)).toBe('ok')
    expect(titles(info.path)).toContain('Written just before the backup')
    // One file: no -wal/-shm beside it, no temp file left behind.
    expect(readdirSync(dir)).toEqual([basename(info.path)])
    expect(readFileSync(info.path)[18]).toBe(1)
    expect(listBackups(dir)).toEqual([info])
  })

  it('names a reason in the file, and keeps two backups taken in the same second apart', async () => {
    const { db, dir } = library()
    const now = new Date(Date.UTC(2026, 10, 27, 8, 15, 0))
    const first = await createBackup(db, dir, { now })
    const second = await createBackup(db, dir, { now })
    const manual = await createBackup(db, dir, { now, reason: 'manual' })
    expect(basename(second.path)).toBe('papershelf-2026-11-27T08-15-00Z-2.db')
    expect(basename(manual.path)).toBe('papershelf-2026-11-27T08-15-00Z-3-manual.db')
    expect(listBackups(dir).map((b) => b.path)).toEqual([manual.path, second.path, first.path])
    expect(listBackups(dir)[0]?.reason).toBe('manual')
    await expect(createBackup(db, dir, { reason: 'Bad Reason' })).rejects.toThrow(RangeError)
  })

  it('ignores files in the folder that are not backups', async () => {
    const { db, dir } = library()
    await createBackup(db, dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    writeFileSync(join(dir, 'papershelf-yesterday.db'), 'mine')
    expect(listBackups(dir)).toHaveLength(1)
    expect(listBackups(join(dir, 'missing'))).toEqual([])
  })
})

describe('backupBeforeMigrate', () => {
  it('takes a synchronous, verified snapshot, also from a read-only connection', () => {
    const { db, dbPath, dir } = library()
    const readonly = new Database(dbPath, { readonly: true })
    const info = backupBeforeMigrate(readonly, dir, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))
    readonly.close()
    expect(basename(info.path)).toBe('papershelf-2026-01-02T03-04-05Z-pre-migration.db')
    expect(info.reason).toBe('pre-migration')
    expect(integrity(info.path)).toBe('ok')
    expect(titles(info.path)).toEqual(titles(dbPath))
    expect(readdirSync(dir)).toEqual([basename(info.path)])
    db.close()
  })
})

describe('pruneBackups', () => {
  it('keeps the newest 7 regular backups and the newest 3 of each reason', async () => {
    const { db, dir } = library()
    for (let d = 1; d <= 10; d++) await createBackup(db, dir, { now: day(d) })
    for (let d = 1; d <= 4; d++) backupBeforeMigrate(db, dir, day(d, 10))
    const deleted = pruneBackups(dir)
    expect(deleted).toHaveLength(4)
    const left = listBackups(dir)
    const regular = left.filter((b) => b.reason === null).map((b) => new Date(b.createdAt).getDate())
    const migration = left.filter((b) => b.reason !== null).map((b) => new Date(b.createdAt).getDate())
    expect(regular).toEqual([10, 9, 8, 7, 6, 5, 4])
    expect(migration).toEqual([4, 3, 2])
    expect(deleted.every((p) => !existsSync(p))).toBe(true)
  })

  it('never deletes the backup just written, even when a clock set back makes it the oldest', async () => {
    const { db, dir } = library()
    for (let d = 10; d <= 17; d++) await createBackup(db, dir, { now: day(d) })
    const justWritten = await createBackup(db, dir, { now: day(1) })
    pruneBackups(dir, 7, justWritten.path)
    expect(existsSync(justWritten.path)).toBe(true)
    expect(listBackups(dir).filter((b) => b.reason === null)).toHaveLength(8)
  })

  it('removes temp files a crashed backup left over a day ago, not one being written now', async () => {
    const { db, dir } = library()
    await createBackup(db, dir)
    const stale = join(dir, '.papershelf-123-abc.tmp')
    const fresh = join(dir, '.papershelf-456-def.tmp')
    writeFileSync(stale, 'x')
    writeFileSync(fresh, 'x')
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000
    utimesSync(stale, twoDaysAgo, twoDaysAgo)
    pruneBackups(dir)
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(fresh)).toBe(true)
  })
})

describe('dailyBackupIfDue', () => {
  it('takes at most one backup per calendar day and prunes to a week', async () => {
    const { db, dir } = library()
    expect(await dailyBackupIfDue(db, dir, day(1, 8))).not.toBeNull()
    expect(await dailyBackupIfDue(db, dir, day(1, 23))).toBeNull()
    // A backup taken for a reason does not count as the day's backup.
    backupBeforeMigrate(db, dir, day(2, 7))
    expect(await dailyBackupIfDue(db, dir, day(2, 8))).not.toBeNull()
    for (let d = 3; d <= 12; d++) expect(await dailyBackupIfDue(db, dir, day(d))).not.toBeNull()
    const regular = listBackups(dir).filter((b) => b.reason === null)
    expect(regular.map((b) => new Date(b.createdAt).getDate())).toEqual([12, 11, 10, 9, 8, 7, 6])
  })
})

describe('restoreBackup', () => {
  it('puts the backup in place and moves the current library and its -wal/-shm aside', async () => {
    const { db, dbPath, dir, folder } = library()
    const backup = await createBackup(db, dir)
    addDigest(db, 'after', [paper('Added after the backup')])
    db.close()
    // Stand-ins for sidecars a crash left behind: they must go with the replaced file, never be replayed.
    writeFileSync(`${dbPath}-wal`, 'stale wal')
    writeFileSync(`${dbPath}-shm`, 'stale shm')

    const { replacedPath } = restoreBackup(dbPath, backup.path, new Date(Date.UTC(2026, 10, 27, 8, 15, 0)))

    expect(replacedPath).toBe(`${dbPath}.replaced-2026-11-27T08-15-00Z`)
    expect(readFileSync(`${replacedPath}-wal`, 'utf8')).toBe('stale wal')
    expect(readFileSync(`${replacedPath}-shm`, 'utf8')).toBe('stale shm')
    expect(titles(replacedPath as string)).toContain('Added after the backup')
    expect(existsSync(`${dbPath}-wal`)).toBe(false)
    const reopened = openDatabase(dbPath)
    expect(reopened.prepare('SELECT count(*) FROM papers').pluck().get()).toBe(3)
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal')
    reopened.close()
    expect(existsSync(backup.path)).toBe(true)
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('refuses a damaged backup or one from a newer version, and leaves the library as it was', async () => {
    const { db, dbPath, dir } = library()
    db.close()
    const before = readFileSync(dbPath)
    mkdirSync(dir)
    const png = join(dir, 'papershelf-2026-11-27T08-15-00Z.db')
    const newer = join(dir, 'papershelf-2026-11-28T08-15-00Z.db')
    const raw = new Database(newer)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))

    expect(() => restoreBackup(dbPath, png)).toThrow(UserError)
    expect(() => restoreBackup(dbPath, newer)).toThrow(/not a Papershelf library this version can open/)
    expect(readFileSync(dbPath).equals(before)).toBe(true)
    expect(readdirSync(dir).sort()).toEqual([basename(png), basename(newer)])
    expect(
      readdirSync(join(dir, '..')).filter((n) => n.includes('.replaced-') || n.endsWith('.tmp'))
    ).toEqual([])
  })
})
