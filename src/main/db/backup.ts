// Automatic backups of the library: consistent snapshots, verified before they get their final name, so a
// file called papershelf-….db in the backup folder is always a whole, readable library.
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Db } from './connection'
import { SCHEMA_VERSION } from './migrations'
import { UserError } from '../errors'

export interface BackupInfo {
  path: string
  /** When the snapshot was taken, ISO 8601 UTC (read from the file name, so copying the folder keeps it). */
  createdAt: string
  /** Why it was taken outside the daily rhythm, e.g. 'pre-migration'; null for a regular backup. */
  reason: string | null
  bytes: number
}

/** Regular backups kept by pruneBackups unless told otherwise: about a week of daily ones. */
export const KEEP_BACKUPS = 7
/** Backups taken for a reason (before a migration) are rare; the newest few of each reason are kept. */
export const KEEP_PER_REASON = 3

const SIDECARS = ['-wal', '-shm', '-journal'] as const
const REASON = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
// papershelf-2026-11-27T08-15-00Z[-2][-pre-migration].db: the -2 only when two share a second.
const NAME = /^papershelf-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(\d+))?(?:-([a-z][a-z0-9-]*))?\.db$/
const TEMP = /^\.papershelf-.*\.tmp(?:-wal|-shm|-journal)?$/
const STALE_TEMP_MS = 24 * 60 * 60 * 1000

/** The default backup folder: `backups` beside the library file. */
export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups')
}

/** 2026-11-27T08-15-00Z: sortable, and legal in file names on every platform (no colons). */
function fileStamp(date: Date): string {
  return date.toISOString().slice(0, 19).replaceAll(':', '-') + 'Z'
}

/**
 * Takes a backup with SQLite's online backup API: it copies the live library page by page between turns
 * of the event loop, so the app stays responsive, and restarts by itself if another connection writes
 * meanwhile. The copy is verified before it is renamed into place; nothing is pruned here.
 */
export async function createBackup(
  db: Db,
  dir: string,
  options: { reason?: string; now?: Date } = {}
): Promise<BackupInfo> {
  const reason = checkReason(options.reason)
  mkdirSync(dir, { recursive: true })
  const tmp = tempPath(dir)
  try {
    await db.backup(tmp)
    return finish(tmp, dir, options.now ?? new Date(), reason)
  } catch (err) {
    removeWithSidecars(tmp)
    throw err
  }
}

/**
 * The backup taken just before a schema migration. openDatabase's onBeforeMigrate hook is synchronous, so
 * this cannot await the online backup API; VACUUM INTO writes a consistent snapshot in one synchronous
 * statement instead (it blocks while it runs, which is acceptable once per upgrade). `db` may be a
 * read-only connection.
 */
export function backupBeforeMigrate(db: Db, dir: string, now: Date = new Date()): BackupInfo {
  mkdirSync(dir, { recursive: true })
  const tmp = tempPath(dir)
  try {
    db.prepare('VACUUM INTO ?').run(tmp)
    return finish(tmp, dir, now, 'pre-migration')
  } catch (err) {
    removeWithSidecars(tmp)
    throw err
  }
}

/** Papershelf's backups in `dir`, newest first; other files are ignored. */
export function listBackups(dir: string): BackupInfo[] {
  return scan(dir).map(({ seq: _, ...info }) => info)
}

/**
 * Deletes regular backups beyond the newest `keep`, backups taken for a reason beyond the newest
 * KEEP_PER_REASON of that reason, and temp files a crashed backup left over a day ago. `protect` (the
 * backup just written) is never deleted, even if a clock set back makes it look old.
 * Returns the deleted backups' paths.
 */
export function pruneBackups(dir: string, keep: number = KEEP_BACKUPS, protect?: string): string[] {
  const kept = new Map<string | null, number>()
  const deleted: string[] = []
  for (const b of listBackups(dir)) {
    const n = (kept.get(b.reason) ?? 0) + 1
    kept.set(b.reason, n)
    if (b.path === protect || n <= (b.reason === null ? keep : KEEP_PER_REASON)) continue
    rmSync(b.path, { force: true })
    deleted.push(b.path)
  }
  for (const name of readdirSync(dir)) {
    if (!TEMP.test(name)) continue
    const path = join(dir, name)
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true })
    } catch {
      // Gone already, or in use by a backup running right now: either way not ours to force.
    }
  }
  return deleted
}

/**
 * Takes the day's backup unless a regular one from the same local calendar day exists, then prunes.
 * Meant to be called at start-up and from time to time while the app runs. Returns the new backup, or
 * null when none was due.
 */
export async function dailyBackupIfDue(
  db: Db,
  dir: string,
  now: Date = new Date()
): Promise<BackupInfo | null> {
  const last = listBackups(dir).find((b) => b.reason === null)
  if (last && sameLocalDay(new Date(last.createdAt), now)) return null
  const info = await createBackup(db, dir, { now })
  pruneBackups(dir, KEEP_BACKUPS, info.path)
  return info
}

/**
 * Replaces the library at `dbPath` with a copy of `backupPath`. The caller must have closed every
 * connection to the library first. The backup is copied and verified before anything else is touched;
 * then the current file and its -wal/-shm are moved aside to `<dbPath>.replaced-<stamp>` (never
 * deleted) and the copy is renamed into place. Returns where the replaced library went (null if there
 * was none). Throws a UserError if the backup is not a readable Papershelf library of a known version.
 */
export function restoreBackup(
  dbPath: string,
  backupPath: string,
  now: Date = new Date()
): { replacedPath: string | null } {
  const installed = installCopy(backupPath, dbPath, now)
  if (!installed) {
    throw new UserError(
      'user_error',
      `${basename(backupPath)} is damaged or is not a Papershelf library this version can open, so nothing was restored.`
    )
  }
  return installed
}

// ---- shared with recovery.ts -----------------------------------------------------------------------------

/**
 * True if `file` opens read-only, passes the full integrity check, and holds a Papershelf schema this
 * version can open. Never throws for a bad file, only reports it.
 */
export function isUsableLibrary(file: string): boolean {
  let db: Db | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    if (db.pragma('integrity_check(1)', { simple: true }) !== 'ok') return false
    const version = db.pragma('user_version', { simple: true })
    return typeof version === 'number' && version >= 1 && version <= SCHEMA_VERSION
  } catch {
    return false
  } finally {
    db?.close()
  }
}

/**
 * Moves `dbPath` and whichever of its -wal/-shm/-journal exist to `<dbPath>.<label>-<stamp>`; the
 * sidecars keep SQLite's naming, so the moved file still opens with its last writes. They go first: a
 * -wal left behind without its database would be replayed into whatever file is put there next.
 * Returns the new path of the database file.
 */
export function moveAside(dbPath: string, label: string, now: Date): string {
  const base = `${dbPath}.${label}-${fileStamp(now)}`
  let aside = base
  for (let n = 2; [aside, ...SIDECARS.map((s) => aside + s)].some((p) => existsSync(p)); n++) {
    aside = `${base}-${n}`
  }
  for (const s of SIDECARS) if (existsSync(dbPath + s)) renameSync(dbPath + s, aside + s)
  if (existsSync(dbPath)) renameSync(dbPath, aside)
  syncDir(dirname(dbPath))
  return aside
}

/**
 * Copies `source` beside `dbPath`, verifies the copy, then puts it in place of `dbPath`, moving any
 * current file aside as `.replaced-<stamp>`. Returns where that file went, or null, leaving everything as
 * it was, if the copy is not a usable library; I/O errors are thrown.
 */
export function installCopy(
  source: string,
  dbPath: string,
  now: Date
): { replacedPath: string | null } | null {
  const dir = dirname(dbPath)
  mkdirSync(dir, { recursive: true })
  const tmp = tempPath(dir)
  try {
    copyFileSync(source, tmp)
    // A copy of a WAL-mode file would grow an empty -wal beside it when checked; rollback mode keeps the
    // file self-contained until openDatabase turns WAL back on.
    toRollbackJournal(tmp)
    syncFile(tmp)
    if (!isUsableLibrary(tmp)) {
      removeWithSidecars(tmp)
      return null
    }
    const present = [dbPath, ...SIDECARS.map((s) => dbPath + s)].some((p) => existsSync(p))
    const replacedPath = present ? moveAside(dbPath, 'replaced', now) : null
    renameSync(tmp, dbPath)
    syncDir(dir)
    return { replacedPath }
  } catch (err) {
    removeWithSidecars(tmp)
    if (isDamageError(err)) return null
    throw err
  }
}

/** SQLite's way of saying the bytes are not a (whole) database, as opposed to an I/O or locking problem. */
export function isDamageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

// ---- internals -------------------------------------------------------------------------------------------

interface Found extends BackupInfo {
  /** Orders backups taken within the same second: 1, then 2, 3… */
  seq: number
}

function scan(dir: string): Found[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const found: Found[] = []
  for (const name of names) {
    const m = NAME.exec(name)
    if (!m) continue
    const [, day, hh, mm, ss, seq, reason] = m
    const createdAt = new Date(`${day}T${hh}:${mm}:${ss}Z`)
    if (Number.isNaN(createdAt.getTime())) continue
    const path = join(dir, name)
    let bytes: number
    try {
      bytes = statSync(path).size
    } catch {
      continue // pruned by another process between readdir and stat
    }
    found.push({
      path,
      createdAt: createdAt.toISOString(),
      reason: reason ?? null,
      bytes,
      seq: Number(seq ?? 1)
    })
  }
  return found.sort((a, b) =>
    a.createdAt === b.createdAt ? b.seq - a.seq : a.createdAt < b.createdAt ? 1 : -1
  )
}

function checkReason(reason: string | undefined): string | null {
  if (reason === undefined) return null
  if (!REASON.test(reason)) {
    throw new RangeError(`Backup reason must be lower-case words joined by -: ${reason}`)
  }
  return reason
}

function tempPath(dir: string): string {
  return join(dir, `.papershelf-${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
}

/** Verifies a freshly written snapshot and renames it to its final, dated name. */
function finish(tmp: string, dir: string, now: Date, reason: string | null): BackupInfo {
  // The online backup API copies the WAL flag in the header; a backup should be one self-contained file.
  toRollbackJournal(tmp)
  syncFile(tmp)
  const check = new Database(tmp, { readonly: true, fileMustExist: true })
  try {
    const result = check.pragma('integrity_check(1)', { simple: true })
    const version = check.pragma('user_version', { simple: true })
    if (result !== 'ok' || typeof version !== 'number') {
      throw new UserError(
        'user_error',
        'The new backup did not pass its integrity check, so it was discarded.'
      )
    }
  } finally {
    check.close()
  }
  const createdAt = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString()
  const sameSecond = scan(dir).filter((b) => b.createdAt === createdAt)
  const name = (seq: number): string =>
    join(dir, `papershelf-${fileStamp(now)}${seq > 1 ? `-${seq}` : ''}${reason ? `-${reason}` : ''}.db`)
  let seq = Math.max(0, ...sameSecond.map((b) => b.seq)) + 1
  while (existsSync(name(seq))) seq++
  const final = name(seq)
  renameSync(tmp, final)
  syncDir(dir)
  return { path: final, createdAt, reason, bytes: statSync(final).size }
}

function toRollbackJournal(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

function removeWithSidecars(file: string): void {
  for (const p of [file, ...SIDECARS.map((s) => file + s)]) rmSync(p, { force: true })
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Makes a rename durable. Windows cannot open a directory for fsync, and it journals renames itself. */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}
