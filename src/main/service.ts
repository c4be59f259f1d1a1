// One handler per API method: the only place that combines the store, the importer and the file system.
import type { MethodName, MethodParsedInput, MethodResult } from '../shared/api'
import type { Db } from './db/connection'
import * as papers from './db/papers'
import { importDigest } from './import/importer'
import { UserError } from './errors'

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>
}

export interface Host {
  /** Opens an http(s) URL in the system browser; false where the host has none (browser mode). */
  openExternal?: (url: string) => Promise<void>
}

export function createService(db: Db, host: Host = {}): Handlers {
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
    openExternal: async ({ url }) => {
      if (!host.openExternal) return { opened: false }
      await host.openExternal(url)
      return { opened: true }
    },
    importDigest: ({ name, data, format }) =>
      importDigest(db, Buffer.from(data, 'base64'), { name, source: null, format })
  }
}
