import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Db } from './db/connection'
import { createService, type Handlers } from './service'
import { dispatch } from './dispatch'
import { methodNames, contract } from '../shared/api'
import { ImportJobs } from './import/jobs'
import { tmpDb } from '../../tests/helpers/tmp'

const SAMPLE = resolve(import.meta.dirname, '../../tests/fixtures/import/hf-daily-papers-sample.txt')

let db: Db
let cleanup: () => void
let jobs: ImportJobs
let service: Handlers
beforeEach(() => {
  ;({ db, cleanup } = tmpDb())
  jobs = new ImportJobs(db, db.name, null)
  service = createService({ db, jobs })
})
afterEach(() => cleanup())

async function importSample(): Promise<void> {
  const data = readFileSync(SAMPLE).toString('base64')
  const r = await dispatch(service, 'startImport', { name: 'sample.txt', data })
  if (!r.ok) throw new Error(r.error.message)
  await jobs.idle()
}

describe('service and dispatch', () => {
  it('has a handler for every method of the contract', () => {
    expect(Object.keys(service).sort()).toEqual([...methodNames].sort())
    expect(methodNames).toEqual(Object.keys(contract))
  })

  it('imports through a job and reports the summary', async () => {
    const data = readFileSync(SAMPLE).toString('base64')
    const started = await dispatch(service, 'startImport', { name: 'sample.txt', data })
    expect(started).toMatchObject({ ok: true, value: { phase: 'queued', name: 'sample.txt' } })
    await jobs.idle()
    const jobId = (started as { value: { id: string } }).value.id
    const status = await dispatch(service, 'importStatus', { jobId })
    expect(status).toMatchObject({
      ok: true,
      value: { phase: 'done', summary: { found: 208, added: 208, duplicates: 0, format: 'hf-text' } }
    })
  })

  it('a failed import says why in one sentence and changes nothing', async () => {
    const started = await dispatch(service, 'startImport', { name: 'empty.txt', data: '' })
    await jobs.idle()
    const jobId = (started as { value: { id: string } }).value.id
    const status = await dispatch(service, 'importStatus', { jobId })
    expect(status).toMatchObject({ ok: true, value: { phase: 'failed' } })
    expect((status as { value: { error: string } }).value.error).toMatch(/empty/i)
    expect(db.prepare('SELECT count(*) FROM digests').pluck().get()).toBe(0)
  })

  it('validates every request once, with a message naming the field, and changes nothing', async () => {
    await importSample()
    const cases: Array<[string, unknown, RegExp]> = [
      ['setRead', { ids: [], read: true }, /setRead \(ids\)/],
      ['setRead', { ids: [1], read: 'yes' }, /setRead \(read\)/],
      ['setStarred', { ids: [1], starred: true, extra: 1 }, /setStarred/],
      ['listPapers', { view: 'everything' }, /listPapers \(view\)/],
      ['listPapers', { limit: 100000 }, /listPapers \(limit\)/],
      ['openExternal', { url: 'javascript:alert(1)' }, /openExternal \(url\)/],
      ['openExternal', { url: 'file:///etc/passwd' }, /openExternal \(url\)/],
      ['saveNote', { id: -1, body: 'x' }, /saveNote \(id\)/]
    ]
    for (const [name, input, message] of cases) {
      const r = await dispatch(service, name, input)
      expect(r.ok, name).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input')
        expect(r.error.message).toMatch(message)
      }
    }
    const counts = await dispatch(service, 'counts', {})
    expect(counts).toMatchObject({ ok: true, value: { read: 0, starred: 0, notes: 0 } })
  })

  it('refuses unknown methods and prototype keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const r = await dispatch(service, name, {})
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
  })

  it('reports a missing paper as not found', async () => {
    expect(await dispatch(service, 'getPaper', { id: 12345 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no paper with id 12345.' }
    })
  })

  it('marks a whole view read (sparing starred papers when asked), and restores it exactly', async () => {
    await importSample()
    await dispatch(service, 'setStarred', { ids: [1, 2], starred: true })
    await dispatch(service, 'setRead', { ids: [3], read: true })
    const snapshot = db.prepare('SELECT id, read, read_at, starred, starred_at FROM papers ORDER BY id').all()
    const r = await dispatch(service, 'markViewRead', { view: 'unread', exceptStarred: true })
    expect(r).toMatchObject({ ok: true, value: { changed: 205 } })
    expect((await dispatch(service, 'counts', {})) as unknown).toMatchObject({ value: { unread: 2 } })
    const before = (r as { value: { before: unknown[] } }).value.before
    await dispatch(service, 'restoreState', { items: before })
    expect(db.prepare('SELECT id, read, read_at, starred, starred_at FROM papers ORDER BY id').all()).toEqual(
      snapshot
    )
  })

  it('keeps settings, falling back to defaults for anything unknown', async () => {
    expect(await dispatch(service, 'getSettings', {})).toMatchObject({
      ok: true,
      value: { theme: 'system', markReadOnOpen: false }
    })
    await dispatch(service, 'updateSettings', { theme: 'dark', listWidth: 500 })
    db.prepare("INSERT INTO settings (key, value) VALUES ('sidebarWidth', '\"wide\"')").run()
    expect(await dispatch(service, 'getSettings', {})).toMatchObject({
      value: { theme: 'dark', listWidth: 500, sidebarWidth: 232 }
    })
    expect(await dispatch(service, 'updateSettings', { theme: 'neon' })).toMatchObject({ ok: false })
  })
})
