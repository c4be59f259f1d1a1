// One open library and what lives as long as it: the connection, the import queue, the daily backup.
// Shared by the desktop app, browser mode and the CLI, so all three open, back up and close it the same way.
import type { Db } from './db/connection'
import { openLibrary, markClosedCleanly } from './db/recovery'
import {
  backupDir,
  createBackup,
  dailyBackupIfDue,
  listBackups,
  pruneBackups,
  restoreBackup
} from './db/backup'
import type { BackupInfo } from './db/backup'
import { ImportJobs } from './import/jobs'

const HOUR = 60 * 60 * 1000

/** How long an interactive library's connection blocks on another writer's lock before it gives up. */
export const INTERACTIVE_BUSY_TIMEOUT_MS = 100

export class Library {
  db: Db
  jobs: ImportJobs
  /** One sentence when opening had to repair or replace the library, for the UI to show once. */
  notice: string | null
  private timer: ReturnType<typeof setInterval> | undefined

  /**
   * `interactive`: the library behind a window. Its connection gives up on another writer's lock within
   * INTERACTIVE_BUSY_TIMEOUT_MS instead of blocking the event loop for seconds; the service's writes wait
   * between tries instead (createService). The CLI keeps the long synchronous wait.
   */
  constructor(
    readonly path: string,
    private readonly workerUrl: URL | null = null,
    private readonly options: { interactive?: boolean } = {}
  ) {
    const opened = openLibrary(path, { check: 'when-needed' })
    this.db = this.configure(opened.db)
    this.notice = opened.notice
    this.jobs = new ImportJobs(this.db, path, workerUrl)
  }

  private configure(db: Db): Db {
    if (this.options.interactive) db.pragma(`busy_timeout = ${INTERACTIVE_BUSY_TIMEOUT_MS}`)
    return db
  }

  get backupDir(): string {
    return backupDir(this.path)
  }

  /** A backup a day while the app is used (checked at start and hourly), keeping the last week. */
  startDailyBackups(onError: (err: unknown) => void = console.error): void {
    // Quitting while a backup is being written cuts it short (its partial file is removed): not an error.
    const run = (): void =>
      void dailyBackupIfDue(this.db, this.backupDir).catch((err: unknown) => {
        if (this.db.open) onError(err)
      })
    run()
    this.timer = setInterval(run, HOUR)
    this.timer.unref()
  }

  async backupNow(): Promise<BackupInfo> {
    const info = await createBackup(this.db, this.backupDir, { reason: 'manual' })
    pruneBackups(this.backupDir, undefined, info.path)
    return info
  }

  backups(): BackupInfo[] {
    return listBackups(this.backupDir)
  }

  /** Replaces the library with a backup; the current file is kept aside, never deleted. */
  async restore(backupPath: string): Promise<{ replacedPath: string | null }> {
    await this.jobs.idle()
    this.db.close()
    try {
      return restoreBackup(this.path, backupPath)
    } finally {
      const opened = openLibrary(this.path, { check: 'always' })
      this.db = this.configure(opened.db)
      this.notice = opened.notice
      this.jobs = new ImportJobs(this.db, this.path, this.workerUrl)
    }
  }

  close(): void {
    clearInterval(this.timer)
    if (!this.db.open) return
    this.db.close()
    markClosedCleanly(this.path)
  }
}
