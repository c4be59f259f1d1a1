// One handler per API method: the only place that combines the store, the importer and the file system.
import { resolve } from 'node:path'
import type { MethodName, MethodParsedInput, MethodResult } from '../shared/api'
import type { Paper } from '../shared/types'
import type { Db } from './db/connection'
import * as papers from './db/papers'
import * as tags from './db/tags'
import { saveNote } from './db/notes'
import { getSettings, updateSettings } from './db/settings'
import { exportPapers, fileExtension } from './export'
import { isBusy, UserError } from './errors'
import type { Library } from './library'

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>
}

/** What the service needs of the open library; read afresh on every call, as a restore replaces it. */
export type LibraryRef = Pick<Library, 'db' | 'jobs'> &
  Partial<Pick<Library, 'path' | 'notice' | 'backupNow' | 'backups' | 'restore'>>

export interface Host {
  /** Opens an http(s) or mailto URL outside the app; absent where the host has none (browser mode). */
  openExternal?: (url: string) => Promise<void>
  version?: string
  desktop?: boolean
}

function backupsOf(lib: LibraryRef): Library {
  if (!lib.backupNow || !lib.backups || !lib.restore) {
    throw new UserError('user_error', 'Backups are not available here.')
  }
  return lib as Library
}

function papersFor(db: Db, ids: number[]): Paper[] {
  return ids.flatMap((id) => {
    const p = papers.getPaper(db, id)
    return p ? [p] : []
  })
}

/** How long a write waits in all for another writer (an import, the CLI) before it gives up. */
const BUSY_WAIT_MS = 5000
const BUSY_RETRY_MS = 50

/** Each of these writes in one statement or one transaction, so a busy error means nothing was written. */
const WRITERS = [
  'setRead',
  'setStarred',
  'markViewRead',
  'restoreState',
  'saveNote',
  'tagPapers',
  'untagPapers',
  'renameTag',
  'setTagColor',
  'deleteTag',
  'restoreTags',
  'updateSettings'
] as const satisfies readonly MethodName[]

/**
 * Runs a write at once and, if another writer holds the lock, tries again every 50 ms for up to 5 s. The
 * app's connection gives up on a lock within INTERACTIVE_BUSY_TIMEOUT_MS (library.ts), so the waiting
 * happens here, between tries, and the event loop goes on answering reads meanwhile.
 */
function waitingForWriters<I, R>(run: (input: I) => R | Promise<R>): (input: I) => R | Promise<R> {
  return (input) => {
    try {
      return run(input)
    } catch (first) {
      if (!isBusy(first)) throw first
      const deadline = Date.now() + BUSY_WAIT_MS
      return (async () => {
        for (;;) {
          await new Promise((r) => setTimeout(r, BUSY_RETRY_MS))
          try {
            return await run(input)
          } catch (err) {
            if (!isBusy(err) || Date.now() >= deadline) throw err
          }
        }
      })()
    }
  }
}

export function createService(lib: LibraryRef, host: Host = {}): Handlers {
  const handlers = serviceHandlers(lib, host)
  for (const name of WRITERS) {
    ;(handlers as Record<MethodName, unknown>)[name] = waitingForWriters(
      handlers[name] as (input: unknown) => unknown
    )
  }
  return handlers
}

function serviceHandlers(lib: LibraryRef, host: Host): Handlers {
  const db = (): Db => lib.db
  return {
    listPapers: (input) => papers.listPapers(db(), input),
    counts: () => papers.counts(db()),
    getPaper: ({ id }) => {
      const paper = papers.getPaper(db(), id)
      if (!paper) throw new UserError('not_found', `There is no paper with id ${id}.`)
      return paper
    },
    setRead: ({ ids, read }) => papers.setRead(db(), ids, read),
    setStarred: ({ ids, starred }) => papers.setStarred(db(), ids, starred),
    markViewRead: ({ exceptStarred, ...filter }) => {
      const ids = papers.filterIds(db(), filter, exceptStarred ? ['p.starred = 0'] : [])
      return ids.length ? papers.setRead(db(), ids, true) : { changed: 0, before: [] }
    },
    restoreState: ({ items }) => ({ changed: papers.restoreState(db(), items) }),
    saveNote: ({ id, body }) => saveNote(db(), id, body),
    tagPapers: ({ ids, names }) => ({ added: tags.tagPapers(db(), ids, names) }),
    untagPapers: ({ ids, names }) => ({ removed: tags.untagPapers(db(), ids, names) }),
    renameTag: ({ id, name }) => tags.renameTag(db(), id, name),
    setTagColor: ({ id, color }) => {
      tags.setTagColor(db(), id, color)
      return { changed: 1 }
    },
    deleteTag: ({ id }) => ({ deleted: tags.deleteTag(db(), id) }),
    restoreTags: ({ tags: list }) => {
      tags.restoreTags(db(), list)
      return { changed: list.length }
    },
    exportPapers: ({ format, ids, groupBy, ...filter }) => {
      // Library order (oldest digest first, file order within), which is what a bibliography expects.
      const chosen = (ids ?? papers.filterIds(db(), filter)).slice().sort((a, b) => a - b)
      const list = papersFor(db(), chosen)
      const text = exportPapers(list, format, groupBy ? { groupBy } : {})
      const day = new Date().toISOString().slice(0, 10)
      return { fileName: `papershelf-${day}.${fileExtension(format)}`, text, count: list.length }
    },
    appInfo: () => ({
      version: host.version ?? '0.0.0',
      libraryPath: lib.path ?? db().name,
      notice: lib.notice ?? null,
      desktop: host.desktop ?? false
    }),
    backupNow: () => backupsOf(lib).backupNow(),
    listBackups: () => backupsOf(lib).backups(),
    restoreBackup: async ({ path }) => {
      const l = backupsOf(lib)
      // Only files from the library's own backup folder: the API never opens arbitrary paths.
      const known = l.backups().find((b) => resolve(b.path) === resolve(path))
      if (!known) throw new UserError('not_found', 'That backup is not in the library’s backup folder.')
      return l.restore(known.path)
    },
    getSettings: () => getSettings(db()),
    updateSettings: (patch) => updateSettings(db(), patch),
    openExternal: async ({ url }) => {
      if (!host.openExternal) return { opened: false }
      await host.openExternal(url)
      return { opened: true }
    },
    startImport: ({ name, data, format }) =>
      lib.jobs.start(Buffer.from(data, 'base64'), { name, source: null, format }),
    importStatus: ({ jobId }) => lib.jobs.status(jobId),
    cancelImport: async ({ jobId }) => ({ cancelled: await lib.jobs.cancel(jobId) })
  }
}
