// The library's lifecycle across processes: imports in the built worker (progress, cancel), and the
// clean-close stamp that lets a start skip the full integrity check only when that is safe.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, openSync, readdirSync, statSync, utimesSync, writeSync, closeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Library } from '../../src/main/library'
import { tmpDir } from '../helpers/tmp'
import type { ImportJob } from '../../src/shared/api'

const ROOT = resolve(import.meta.dirname, '../..')
const WORKER = pathToFileURL(join(ROOT, 'out/main/import-worker.js'))

beforeAll(() => {
  if (!existsSync(WORKER)) {
    execFileSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' })
  }
}, 120_000)

let cleanup = (): void => {}
afterEach(() => cleanup())

function fresh(): string {
  const t = tmpDir()
  cleanup = t.cleanup
  return join(t.dir, 'lib.db')
}

/** A Papershelf JSON export of n synthetic papers, large enough that an import takes a moment. */
function bigDigest(n: number): Uint8Array {
  const words = 'entropy adaptation model vision language benchmark retrieval protein graph neural'.split(' ')
  const papers = Array.from({ length: n }, (_, i) => ({
    title: `Synthetic paper ${i} on ${words[i % words.length]} and ${words[(i * 7) % words.length]}`,
    authors: [`Author ${i % 97}`],
    abstract: Array.from({ length: 120 }, (_, j) => words[(i + j) % words.length]).join(' ') + '.',
    url: null,
    arxivId: null,
    doi: null,
    links: [],
    read: false,
    starred: false,
    tags: [],
    note: ''
  }))
  return new TextEncoder().encode(
    JSON.stringify({ papershelf: 1, exportedAt: new Date().toISOString(), papers })
  )
}

async function until(lib: Library, id: string, done: (j: ImportJob) => boolean): Promise<ImportJob> {
  for (;;) {
    const job = lib.jobs.status(id)
    if (done(job)) return job
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('imports in the worker', () => {
  it('reports progress and the summary, while the main connection keeps answering', async () => {
    const lib = new Library(fresh(), WORKER)
    try {
      const job = lib.jobs.start(bigDigest(20_000), { name: 'big.json' })
      const writing = await until(lib, job.id, (j) => j.phase === 'writing' || j.phase === 'done')
      expect(writing.total).toBe(20_000)
      // The main thread is free: it answers a query while the worker writes.
      expect(lib.db.prepare('SELECT 1').pluck().get()).toBe(1)
      const done = await until(lib, job.id, (j) => j.phase === 'done' || j.phase === 'failed')
      expect(done).toMatchObject({ phase: 'done', summary: { found: 20_000, added: 20_000, format: 'json' } })
      expect(lib.db.prepare('SELECT count(*) FROM papers').pluck().get()).toBe(20_000)
    } finally {
      lib.close()
    }
  }, 60_000)

  it('cancelling leaves the library exactly as it was', async () => {
    const lib = new Library(fresh(), WORKER)
    try {
      const job = lib.jobs.start(bigDigest(20_000), { name: 'big.json' })
      await until(lib, job.id, (j) => j.phase === 'writing' && j.done > 0)
      expect(await lib.jobs.cancel(job.id)).toBe(true)
      expect(lib.jobs.status(job.id).phase).toBe('cancelled')
      expect(lib.db.prepare('SELECT count(*) FROM papers').pluck().get()).toBe(0)
      expect(lib.db.prepare('SELECT count(*) FROM digests').pluck().get()).toBe(0)
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      lib.close()
    }
  }, 60_000)

  it('a refused file fails its job with the importer’s sentence', async () => {
    const lib = new Library(fresh(), WORKER)
    try {
      const job = lib.jobs.start(new Uint8Array(0), { name: 'empty.txt' })
      const end = await until(lib, job.id, (j) => j.phase === 'failed' || j.phase === 'done')
      expect(end.error).toMatch(/empty/i)
    } finally {
      lib.close()
    }
  })
})

describe('clean close', () => {
  function damage(path: string): void {
    // Garbage over a page in the middle of the file, then the old mtime back, as silent bit rot would.
    const st = statSync(path)
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 3)
    closeSync(fd)
    utimesSync(path, st.atimeMs / 1000, st.mtimeMs / 1000)
  }

  function seeded(path: string): void {
    const lib = new Library(path)
    lib.db.exec('CREATE TABLE IF NOT EXISTS filler (x)')
    const ins = lib.db.prepare('INSERT INTO filler VALUES (?)')
    for (let i = 0; i < 400; i++) ins.run('x'.repeat(500))
    lib.close()
  }

  it('skips the check after a clean close of an unchanged file, and runs it when the file changed', () => {
    const path = fresh()
    seeded(path)
    expect(existsSync(`${path}.closed-cleanly`)).toBe(true)
    damage(path)
    // Same size and mtime as at the clean close: no check, so the silent damage goes unnoticed here
    // (the daily backup's integrity check is what catches that case).
    const quiet = new Library(path)
    expect(quiet.notice).toBeNull()
    quiet.db.close()
    // The session did not close cleanly, so the next start checks, finds the damage and recovers.
    const checked = new Library(path)
    try {
      expect(checked.notice).toMatch(/damaged/)
    } finally {
      checked.close()
    }
  })
})

describe('daily backup', () => {
  it('closing while the start-up backup is written reports nothing and leaves no partial file', async () => {
    const path = fresh()
    const lib = new Library(path)
    lib.db.exec('CREATE TABLE filler (x)')
    const ins = lib.db.prepare('INSERT INTO filler VALUES (?)')
    lib.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) ins.run('x'.repeat(500))
    })()
    const errors: unknown[] = []
    lib.startDailyBackups((err) => errors.push(err))
    lib.close()
    await new Promise((r) => setTimeout(r, 300))
    expect(errors).toEqual([])
    expect(readdirSync(lib.backupDir).filter((f) => !f.endsWith('.json'))).toEqual([])
  })
})
