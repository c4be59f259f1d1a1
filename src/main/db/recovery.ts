// Opening the library at start-up. A damaged file is set aside (never deleted) and the newest good backup
// takes its place, so the app always opens and the user learns in one sentence what may have been lost.
import Database from 'better-sqlite3'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { openDatabase, type Db } from './connection'
import { migrate, SCHEMA_VERSION } from './migrations'
import { backupBeforeMigrate, backupDir, installCopy, isDamageError, listBackups, moveAside } from './backup'
import { UserError } from '../errors'

export interface OpenLibraryOptions {
  /** Where backups are read from and pre-migration backups written; default backupDir(dbPath). */
  backupDir?: string
  /** The time used to name set-aside files and backups; tests pin it. */
  now?: Date
  /**
   * 'always' checks integrity at every open. 'when-needed' skips the checks when the last session closed
   * cleanly (see markClosedCleanly) and the file has not changed since, so start-up does not grow with the
   * library; after a crash, or when something else wrote the file, the full check runs.
   */
  check?: 'always' | 'when-needed'
}

export interface OpenedLibrary {
  db: Db
  /** One sentence for the user when the library had to be repaired or replaced, otherwise null. */
  notice: string | null
}

const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit'
})

/**
 * Opens (creating or migrating as needed) the library at `dbPath`, after a quick integrity check.
 * A library written by a newer Papershelf is not damage: its NewerDatabaseError propagates and the file
 * is left byte for byte as it was. Errors other than damage (locked, read-only, disk full) propagate too.
 */
export function openLibrary(dbPath: string, options: OpenLibraryOptions = {}): OpenedLibrary {
  const dir = options.backupDir ?? backupDir(dbPath)
  const now = options.now ?? new Date()
  const check = options.check !== 'when-needed' || !closedCleanly(dbPath)
  // From here on the session is open: only a clean close marks the file as needing no check again.
  rmSync(stampPath(dbPath), { force: true })
  if (check && !looksSound(dbPath)) return recover(dbPath, dir, now)
  let db: Db
  try {
    db = openDatabase(dbPath, {
      onBeforeMigrate: (from) => {
        if (from > 0) snapshotBeforeMigrate(dbPath, dir, now)
      }
    })
  } catch (err) {
    if (isDamageError(err)) return recover(dbPath, dir, now)
    throw err
  }
  const index = check ? indexState(db) : 'ok'
  if (index === 'ok') return { db, notice: null }
  if (index === 'rebuilt') {
    return {
      db,
      notice: 'Papershelf found its search index damaged and rebuilt it; no papers, notes or tags were lost.'
    }
  }
  db.close()
  return recover(dbPath, dir, now)
}

const stampPath = (dbPath: string): string => `${dbPath}.closed-cleanly`

interface Stamp {
  size: number
  mtimeMs: number
}

function closedCleanly(dbPath: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(stampPath(dbPath), 'utf8')) as Stamp
    const st = statSync(dbPath)
    return stamp.size === st.size && stamp.mtimeMs === Math.round(st.mtimeMs) && !existsSync(`${dbPath}-wal`)
  } catch {
    return false
  }
}

/** Call after db.close(): records the file as it was left, so the next open can skip the full check. */
export function markClosedCleanly(dbPath: string): void {
  try {
    const st = statSync(dbPath)
    const stamp: Stamp = { size: st.size, mtimeMs: Math.round(st.mtimeMs) }
    writeFileSync(stampPath(dbPath), JSON.stringify(stamp))
  } catch {
    // Without a stamp the next start simply runs the full check.
  }
}

/** True for a missing file (a new library) or one that passes quick_check; false for a damaged one. */
function looksSound(dbPath: string): boolean {
  if (!existsSync(dbPath)) return true
  let db: Db | undefined
  try {
    // Read-only: a damaged file is kept as found, and closing this connection checkpoints nothing into it.
    db = new Database(dbPath, { readonly: true, fileMustExist: true })
    // migrate() refuses a newer schema before writing anything, so on this read-only connection it raises
    // the very NewerDatabaseError openDatabase would, without openDatabase's pragmas touching the file.
    if ((db.pragma('user_version', { simple: true }) as number) > SCHEMA_VERSION) migrate(db)
    return db.pragma('quick_check(1)', { simple: true }) === 'ok'
  } catch (err) {
    if (isDamageError(err)) return false
    throw err
  } finally {
    db?.close()
  }
}

type IndexState = 'ok' | 'rebuilt' | 'damaged'

/**
 * The FTS index is derived from papers and notes, which quick_check has just found sound, so a broken
 * index is rebuilt in place: restoring a backup for it would throw away every change since that backup.
 */
function checkSearchIndex(db: Db): IndexState {
  if (searchIndexOk(db)) return 'ok'
  try {
    db.exec("INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')")
  } catch (err) {
    if (isDamageError(err)) return 'damaged'
    throw err
  }
  return searchIndexOk(db) ? 'rebuilt' : 'damaged'
}

/** checkSearchIndex, closing the connection if it fails for another reason (busy, disk full). */
function indexState(db: Db): IndexState {
  try {
    return checkSearchIndex(db)
  } catch (err) {
    db.close()
    throw err
  }
}

function searchIndexOk(db: Db): boolean {
  try {
    // rank = 1 also compares the index with its content (the papers and notes), not only with itself.
    db.exec("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)")
    return true
  } catch (err) {
    if (isDamageError(err)) return false
    throw err
  }
}

function recover(dbPath: string, dir: string, now: Date): OpenedLibrary {
  const kept = moveAside(dbPath, 'damaged', now)
  for (const backup of listBackups(dir)) {
    // Each candidate is copied and checked with the full integrity_check before it replaces anything.
    if (!installCopy(backup.path, dbPath, now)) continue
    // No pre-migration backup here: the backup being restored stays in the folder untouched.
    const db = openDatabase(dbPath)
    // A backup that passed integrity_check has sound tables; should its index still need a rebuild that
    // fails, search is impaired but the data is there, which beats discarding a good backup.
    indexState(db)
    const when = WHEN.format(new Date(backup.createdAt))
    return {
      db,
      notice: `Papershelf found its library damaged and restored the backup of ${when}, so changes made after that may be lost; the damaged file was kept as ${kept}.`
    }
  }
  return {
    db: openDatabase(dbPath),
    notice: `Papershelf found its library damaged and had no usable backup, so it started a new, empty library; the damaged file was kept as ${kept}.`
  }
}

function snapshotBeforeMigrate(dbPath: string, dir: string, now: Date): void {
  // The hook is not handed the connection being migrated; a second, read-only one sees the same data, as
  // the migration has not begun.
  const source = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    backupBeforeMigrate(source, dir, now)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new UserError(
      'user_error',
      `Papershelf could not back up the library before upgrading it, so it left the library unchanged: ${detail}`
    )
  } finally {
    source.close()
  }
}
