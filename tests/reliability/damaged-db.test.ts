// Issue 8, part 5: a full disk, another process holding the write lock, and a library from a newer
// version. Each ends in one clear sentence for the user and a library exactly as it was.
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportJob } from '../../src/shared/api'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrations'
import { dispatch } from '../../src/main/dispatch'
import { toApiError } from '../../src/main/errors'
import { INTERACTIVE_BUSY_TIMEOUT_MS } from '../../src/main/library'
import { ImportJobs } from '../../src/main/import/jobs'
import { serve, type WebServer } from '../../src/main/server'
import { createService } from '../../src/main/service'
import { tmpDir } from '../helpers/tmp'
import { ensureBuilt } from './support/build'
import { problems } from './support/db'
import { ROOT } from './support/env'
import { rowCounts, seededRows, seedLibraryFile, type Seed } from './support/library'
import { runCli, spawnCli, startWeb, killHard } from './support/processes'

const DISK_FULL = 'The disk is full, so nothing was changed. Free some space and try again.'
const BUSY =
  /^The library is busy: another Papershelf window or command is writing\. Nothing was changed; try again\.$/

let dir: string
let cleanup: () => void
let template: string
let seed: Seed

beforeAll(() => {
  ;({ dir, cleanup } = tmpDir('papershelf-damaged-'))
  template = join(dir, 'seed.db')
  seed = seedLibraryFile(template)
})
afterAll(() => cleanup?.())

let copies = 0
function copyOfSeed(): string {
  const path = join(dir, `lib-${++copies}.db`)
  copyFileSync(template, path)
  return path
}

function bibtex(n: number): Buffer {
  const parts: string[] = []
  for (let i = 0; i < n; i++) {
    parts.push(
      `@article{f${i}, title = {Disk Full Paper ${i}}, abstract = {${'Filling the disk. '.repeat(20)}}}`
    )
  }
  return Buffer.from(parts.join('\n'))
}

function service(db: Db, path: string) {
  return createService({ db, jobs: new ImportJobs(db, path, null) })
}

/** Caps the file a few pages above its current size: the next big write finds the disk full. */
function fillDisk(db: Db, headroomPages: number): void {
  const pages = db.pragma('page_count', { simple: true }) as number
  db.pragma(`max_page_count = ${pages + headroomPages}`)
}

describe('a full disk', () => {
  it('rolls an import back and says so in one sentence', async () => {
    const path = copyOfSeed()
    const db = openDatabase(path)
    try {
      const before = { rows: seededRows(db, seed), counts: rowCounts(db) }
      fillDisk(db, 20)
      const handlers = service(db, path)
      const started = await dispatch(handlers, 'startImport', {
        name: 'big.bib',
        data: bibtex(3000).toString('base64')
      })
      expect(started.ok).toBe(true)
      const jobId = (started as { value: ImportJob }).value.id
      let job: ImportJob
      do {
        await new Promise((r) => setTimeout(r, 10))
        job = ((await dispatch(handlers, 'importStatus', { jobId })) as { value: ImportJob }).value
      } while (!['done', 'failed'].includes(job.phase))
      expect(job).toMatchObject({ phase: 'failed', error: DISK_FULL })
      expect(seededRows(db, seed)).toEqual(before.rows)
      expect(rowCounts(db)).toEqual(before.counts)
      expect(problems(db)).toEqual([])

      // Space freed: the same import now goes through.
      db.pragma('max_page_count = 1073741823')
      const again = await dispatch(handlers, 'startImport', {
        name: 'big.bib',
        data: bibtex(3000).toString('base64')
      })
      const againId = (again as { value: ImportJob }).value.id
      do {
        await new Promise((r) => setTimeout(r, 10))
        job = ((await dispatch(handlers, 'importStatus', { jobId: againId })) as { value: ImportJob }).value
      } while (!['done', 'failed'].includes(job.phase))
      expect(job.summary).toMatchObject({ found: 3000, added: 3000 })
    } finally {
      db.close()
    }
  })

  it('rolls a note save back, keeps the old note, and the full-text index stays in step', async () => {
    const path = copyOfSeed()
    const db = openDatabase(path)
    try {
      const [id] = seed.paperIds.slice(2) as [number]
      const oldNote = db.prepare('SELECT body FROM notes WHERE paper_id = ?').pluck().get(id)
      expect(oldNote).toMatch(/My \*\*note\*\*/)
      fillDisk(db, 2)
      const handlers = service(db, path)
      const body = 'A long note that needs many new pages. '.repeat(20_000)
      const saved = await dispatch(handlers, 'saveNote', { id, body })
      expect(saved).toEqual({ ok: false, error: { code: 'user_error', message: DISK_FULL } })
      expect(db.prepare('SELECT body FROM notes WHERE paper_id = ?').pluck().get(id)).toBe(oldNote)
      // Tagging many papers at once is one transaction too.
      const tagged = await dispatch(handlers, 'tagPapers', {
        ids: seed.paperIds,
        names: Array.from({ length: 50 }, (_, i) => `tag ${i} ${'x'.repeat(150)}`)
      })
      expect(tagged).toEqual({ ok: false, error: { code: 'user_error', message: DISK_FULL } })
      expect(problems(db)).toEqual([])
      db.pragma('max_page_count = 1073741823')
      expect(await dispatch(handlers, 'saveNote', { id, body })).toMatchObject({ ok: true })
      expect(problems(db)).toEqual([])
    } finally {
      db.close()
    }
  })
})

/** Another process takes the write lock and keeps it for `ms`; resolves once it holds it. */
function holdWriteLock(path: string, ms: number): Promise<ChildProcess> {
  const script = `
    import Database from 'better-sqlite3'
    const db = new Database(process.argv[1])
    db.exec('BEGIN IMMEDIATE')
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('lock-holder', '1')").run()
    process.stdout.write('locked\\n')
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); process.exit(0) }, Number(process.argv[2]))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, path, String(ms)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('locked') && resolve(child))
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)))
  })
}

/** The longest time the event loop went without running a timer, while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now()
  let stallMs = 0
  const timer = setInterval(() => {
    const now = performance.now()
    stallMs = Math.max(stallMs, now - last)
    last = now
  }, 5)
  try {
    return { value: await work(), stallMs }
  } finally {
    clearInterval(timer)
  }
}

describe('another process holding the write lock', () => {
  let web: WebServer
  let db: Db
  let path: string
  const tmpRoot = (): string => {
    const root = join(dir, 'renderer')
    mkdirSync(root, { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title>')
    return root
  }
  const post = async (method: string, input: unknown) => {
    const started = performance.now()
    const res = await fetch(`http://127.0.0.1:${web.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${web.token}` },
      body: JSON.stringify(input)
    })
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } },
      ms: performance.now() - started
    }
  }

  beforeAll(async () => {
    ensureBuilt()
    path = copyOfSeed()
    db = openDatabase(path)
    // As browser mode and the desktop app open it (Library's interactive option).
    db.pragma(`busy_timeout = ${INTERACTIVE_BUSY_TIMEOUT_MS}`)
    web = await serve({ handlers: service(db, path), root: tmpRoot(), port: 0 })
  })
  afterAll(async () => {
    await web?.close()
    db?.close()
  })

  it('fails writes after waiting 5 s with the busy sentence, answering reads all the while', async () => {
    // Browser mode as its own process too: its imports wait in a worker, so it keeps answering meanwhile.
    const other = await startWeb(path)
    const holder = await holdWriteLock(path, 8_000)
    try {
      const id = seed.paperIds[2] as number
      const note = db.prepare('SELECT body FROM notes WHERE paper_id = ?').pluck().get(id)
      const cli = spawnCli('import', join(ROOT, 'tests/fixtures/import/papers.bib'), '--db', path, '--json')
      const cliDone = new Promise<{ code: number | null; stderr: string; ms: number }>((resolve) => {
        const t = performance.now()
        let stderr = ''
        cli.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
        cli.on('exit', (code) => resolve({ code, stderr, ms: performance.now() - t }))
      })
      const job = (await other.call('startImport', { name: 'p.bib', data: bibtex(10).toString('base64') }))
        .body as {
        value: ImportJob
      }

      // Reads never wait for a writer (WAL).
      const read = await post('counts', {})
      expect(read.status).toBe(200)
      expect(read.ms).toBeLessThan(1_000)

      const { value, stallMs } = await longestStall(async () => {
        const pending = post('saveNote', { id, body: 'typed while locked' })
        await new Promise((r) => setTimeout(r, 1_000))
        const during = await post('counts', {})
        return { write: await pending, during }
      })
      const { write, during } = value
      expect(during.status).toBe(200)
      expect(during.ms).toBeLessThan(500)
      expect(write.status).toBe(409)
      expect(write.body.error?.code).toBe('busy')
      expect(write.body.error?.message).toMatch(BUSY)
      expect(write.ms).toBeGreaterThan(4_500)
      // better-sqlite3 waits synchronously, but only for the short timeout; the 5 s are spent between tries.
      expect(stallMs).toBeLessThan(500)
      console.log(
        `busy write: failed after ${Math.round(write.ms)} ms; event loop stalled ${Math.round(stallMs)} ms`
      )

      // The other browser-mode process answers at once while its import waits in the worker.
      let status: ImportJob
      const latencies: number[] = []
      do {
        const t = performance.now()
        status = ((await other.call('importStatus', { jobId: job.value.id })).body as { value: ImportJob })
          .value
        latencies.push(performance.now() - t)
        await new Promise((r) => setTimeout(r, 50))
      } while (!['done', 'failed'].includes(status.phase))
      expect(status.phase).toBe('failed')
      expect(status.error).toMatch(BUSY)
      expect(Math.max(...latencies)).toBeLessThan(1_000)

      const cliResult = await cliDone
      expect(cliResult.code).toBe(1)
      expect(cliResult.ms).toBeGreaterThan(4_500)
      expect(cliResult.stderr.trim()).toMatch(BUSY)
      expect(db.prepare('SELECT body FROM notes WHERE paper_id = ?').pluck().get(id)).toBe(note)
    } finally {
      await killHard(holder)
      await killHard(other.child)
    }
    expect(problems(db)).toEqual([])
  }, 30_000)

  it('lets writes wait for a lock held less than the busy timeout, then succeed', async () => {
    const holder = await holdWriteLock(path, 1_500)
    try {
      const id = seed.paperIds[0] as number
      const write = await post('saveNote', { id, body: 'waited for the lock' })
      expect(write.status).toBe(200)
      expect(write.ms).toBeGreaterThan(1_000)
      expect(db.prepare('SELECT body FROM notes WHERE paper_id = ?').pluck().get(id)).toBe(
        'waited for the lock'
      )
    } finally {
      await killHard(holder)
    }
  }, 20_000)
})

describe('a library written by a newer Papershelf', () => {
  const NEWER =
    /^This library was written by a newer version of Papershelf \(schema 99; this version knows \d+\)\. Update Papershelf to open it\.$/

  it('is refused with a clear sentence by every front door, and left byte for byte as it was', async () => {
    ensureBuilt()
    const path = copyOfSeed()
    const raw = new Database(path)
    raw.pragma('user_version = 99')
    raw.close()
    const hash = (): string => createHash('sha256').update(readFileSync(path)).digest('hex')
    const before = hash()

    let thrown: unknown
    try {
      openDatabase(path).close()
    } catch (err) {
      thrown = err
    }
    expect(toApiError(thrown)).toEqual({ code: 'user_error', message: expect.stringMatching(NEWER) })

    const cli = runCli('counts', '--db', path)
    expect(cli.status).toBe(1)
    expect(cli.stderr.trim()).toMatch(NEWER)

    await expect(startWeb(path)).rejects.toThrow(/newer version of Papershelf/)
    expect(hash()).toBe(before)
  }, 30_000)
})

describe('two processes opening a new library at once', () => {
  // Regression: migrate() read user_version only before its IMMEDIATE transaction, so a second process
  // that read 0 while the first migrated ran the migration again ("table digests already exists").
  // The hook below opens that window deterministically: another connection migrates in between.
  it('the second one finds the schema already there and does not migrate again', () => {
    const path = join(dir, 'race.db')
    const late = new Database(path)
    try {
      expect(() => migrate(late, () => openDatabase(path).close())).not.toThrow()
      expect(late.pragma('user_version', { simple: true })).toBeGreaterThan(0)
    } finally {
      late.close()
    }
  })
})
