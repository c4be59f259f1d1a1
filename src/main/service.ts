// One handler per API method: the only place that combines the store, the importer and the file system.
import type { MethodName, MethodParsedInput, MethodResult } from '../shared/api'
import type { Db } from './db/connection'
import * as papers from './db/papers'
import { ImportJobs } from './import/jobs'
import { UserError } from './errors'
import * as tags from './db/tags'
import { saveNote } from './db/notes'
import { getSettings, updateSettings } from './db/settings'

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>
}

export interface Host {
  /** Opens an http(s) URL in the system browser; false where the host has none (browser mode). */
  openExternal?: (url: string) => Promise<void>
}

export function createService(db: Db, host: Host = {}, jobs = new ImportJobs(db, db.name, null)): Handlers {
  return {
    listPapers: (input) => papers.listPapers(db, input),
    counts: () => papers.counts(db),
    getPaper: ({ id }) => {
      const paper = papers.getPaper(db, id)
      if (!paper) throw new UserError('not_found', `There is no paper with id ${id}.`)
      return paper
    },
    setRead: ({ ids, read }) => papers.setRead(db, ids, read),
    setStarred: ({ ids, starred }) => papers.setStarred(db, ids, starred),
    markViewRead: ({ exceptStarred, ...filter }) => {
      const ids = papers.filterIds(db, filter, exceptStarred ? ['p.starred = 0'] : [])
      return ids.length ? papers.setRead(db, ids, true) : { changed: 0, before: [] }
    },
    restoreState: ({ items }) => ({ changed: papers.restoreState(db, items) }),
    saveNote: ({ id, body }) => saveNote(db, id, body),
    tagPapers: ({ ids, names }) => ({ added: tags.tagPapers(db, ids, names) }),
    untagPapers: ({ ids, names }) => ({ removed: tags.untagPapers(db, ids, names) }),
    renameTag: ({ id, name }) => tags.renameTag(db, id, name),
    setTagColor: ({ id, color }) => {
      tags.setTagColor(db, id, color)
      return { changed: 1 }
    },
    deleteTag: ({ id }) => ({ deleted: tags.deleteTag(db, id) }),
    restoreTags: ({ tags: list }) => {
      tags.restoreTags(db, list)
      return { changed: list.length }
    },
    getSettings: () => getSettings(db),
    updateSettings: (patch) => updateSettings(db, patch),
    openExternal: async ({ url }) => {
      if (!host.openExternal) return { opened: false }
      await host.openExternal(url)
      return { opened: true }
    },
    startImport: ({ name, data, format }) =>
      jobs.start(Buffer.from(data, 'base64'), { name, source: null, format }),
    importStatus: ({ jobId }) => jobs.status(jobId),
    cancelImport: async ({ jobId }) => ({ cancelled: await jobs.cancel(jobId) })
  }
}
