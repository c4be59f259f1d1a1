// Issue 8, part 3: an import killed with SIGKILL at a random moment is wholly there or wholly absent after
// a restart, earlier data is identical, the file passes every integrity check, and importing again gives
// exactly the expected papers. Half the rounds kill the CLI, half kill browser mode while its import
// worker writes. Delays are stratified over the import's measured duration, so the kills land before,
// during and after the write transaction; PAPERSHELF_SEED replays a run.
import Database from 'better-sqlite3'
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { importDigest } from '../../src/main/import/importer'
import { tmpDir } from '../helpers/tmp'
import { ensureBuilt } from './support/build'
import { problems, problemsInFile } from './support/db'
import { random, recordFigures, runSeed, sized } from './support/env'
import { rowCounts, seededRows, seedLibraryFile, type RowCounts, type Seed } from './support/library'
import { killHard, runCli, spawnCli, startWeb } from './support/processes'

const PAPERS = sized(4_000, 15_000)
const ROUNDS = sized(4, 60)

let dir: string
let cleanup: () => void
let template: string
let seed: Seed
let digestPath: string
let digest: Buffer
let seeded: ReturnType<typeof seededRows>
let seedCounts: RowCounts
let expectedTitles: string[]
/** How long an uninterrupted import takes from process start, per front door. */
const duration = { cli: 0, web: 0 }

function bibtex(n: number): string {
  const parts: string[] = []
  for (let i = 0; i < n; i++) {
    parts.push(
      `@article{crash${i},\n  title = {Crash Test Paper ${i}: Durable Writes Under Fire},\n` +
        `  author = {Ada Writer and Bo Reader${i % 50}},\n  eprint = {2405.${String(i).padStart(5, '0')}},\n` +
        `  abstract = {${'We kill the importer at random and check the library. '.repeat(6)}` +
        `Code: https://github.com/example/crash${i}.}\n}`
    )
  }
  return parts.join('\n')
}

function freshCopy(name: string): string {
  const path = join(dir, name)
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  copyFileSync(template, path)
  return path
}

async function webImport(
  dbPath: string
): Promise<{ web: Awaited<ReturnType<typeof startWeb>>; started: number }> {
  const web = await startWeb(dbPath)
  const started = performance.now()
  // The page sends the file's bytes as base64 (src/shared/api.ts, startImport); so does this.
  void web.call('startImport', { name: 'crash.bib', data: digest.toString('base64') }).catch(() => undefined)
  return { web, started }
}

async function untilImported(web: Awaited<ReturnType<typeof startWeb>>): Promise<void> {
  for (;;) {
    const counts = (await web.call('counts', {})).body as { ok: boolean; value: { all: number } }
    if (counts.value.all === seedCounts.papers + PAPERS) return
    await sleep(10)
  }
}

/** Resolves once the write transaction is under way: its pages have started to spill into the WAL. */
async function untilWriting(dbPath: string): Promise<void> {
  const deadline = performance.now() + 30_000
  while ((statSync(dbPath + '-wal', { throwIfNoEntry: false })?.size ?? 0) < 1024 * 1024) {
    if (performance.now() > deadline) throw new Error('the import never started writing')
    await sleep(2)
  }
}

beforeAll(async () => {
  ensureBuilt()
  ;({ dir, cleanup } = tmpDir('papershelf-crash-'))
  template = join(dir, 'seed.db')
  seed = seedLibraryFile(template)
  const db = new Database(template)
  seeded = seededRows(db, seed)
  seedCounts = rowCounts(db)
  db.close()
  digestPath = join(dir, 'crash.bib')
  digest = Buffer.from(bibtex(PAPERS))
  writeFileSync(digestPath, digest)

  // An uninterrupted CLI import: what "wholly there" looks like, and how long there is to hit it.
  const cliDb = freshCopy('calibrate-cli.db')
  const t = performance.now()
  const r = runCli('import', digestPath, '--db', cliDb, '--json')
  duration.cli = performance.now() - t
  expect(r.status, r.stderr).toBe(0)
  expect(JSON.parse(r.stdout)).toMatchObject({
    format: 'bibtex',
    found: PAPERS,
    added: PAPERS,
    duplicates: 0
  })
  const done = new Database(cliDb, { readonly: true })
  expectedTitles = done.prepare('SELECT title FROM papers ORDER BY title').pluck().all() as string[]
  done.close()

  // The same through browser mode, whose import runs in a worker thread on its own connection.
  const webDb = freshCopy('calibrate-web.db')
  const { web, started } = await webImport(webDb)
  try {
    await untilImported(web)
    duration.web = performance.now() - started
  } finally {
    await killHard(web.child)
  }
}, 180_000)

afterAll(() => cleanup?.())

interface Outcome {
  mode: 'cli' | 'web'
  /** -1 for the targeted kills. */
  delay: number
  present: boolean
  /** Bytes left in the WAL at the kill: with the import absent, proof the kill landed mid-write. */
  walBytes: number
}

type When = { delay: number } | 'mid-write' | 'after-commit'

async function crashRound(mode: 'cli' | 'web', when: When): Promise<Outcome> {
  const dbPath = freshCopy('round.db')
  if (mode === 'cli') {
    const child = spawnCli('import', digestPath, '--db', dbPath, '--json')
    if (when === 'mid-write') await untilWriting(dbPath)
    else if (when === 'after-commit') {
      // The CLI prints its summary only after COMMIT.
      await new Promise<void>((resolve) =>
        child.stdout?.on('data', (c: Buffer) => c.includes('{') && resolve())
      )
    } else await sleep(when.delay)
    await killHard(child)
  } else {
    const { web, started } = await webImport(dbPath)
    if (when === 'mid-write') await untilWriting(dbPath)
    else if (when === 'after-commit') await untilImported(web)
    else await sleep(Math.max(0, when.delay - (performance.now() - started)))
    await killHard(web.child)
  }
  const walBytes = statSync(dbPath + '-wal', { throwIfNoEntry: false })?.size ?? 0

  // Restarted: the file as the next process finds it.
  expect(problemsInFile(dbPath), 'integrity after the crash').toEqual([])
  const db = new Database(dbPath)
  let present: boolean
  try {
    expect(seededRows(db, seed), 'earlier data is identical').toEqual(seeded)
    const counts = rowCounts(db)
    present = counts.digests === seedCounts.digests + 1
    if (present) {
      const d = db.prepare('SELECT id, found, added FROM digests ORDER BY id DESC LIMIT 1').get() as {
        id: number
        found: number
        added: number
      }
      expect(d).toMatchObject({ found: PAPERS, added: PAPERS })
      expect(counts.papers).toBe(seedCounts.papers + PAPERS)
      expect(db.prepare('SELECT count(*) FROM digest_papers WHERE digest_id = ?').pluck().get(d.id)).toBe(
        PAPERS
      )
    } else {
      expect(counts, 'an absent import left nothing behind').toEqual(seedCounts)
    }
  } finally {
    db.close()
  }

  // Importing again, as the user would, gives exactly the papers of an uninterrupted import.
  const lib = openDatabase(dbPath)
  try {
    const again = importDigest(lib, digest, { name: 'crash.bib', source: digestPath })
    expect(again).toMatchObject(present ? { added: 0, duplicates: PAPERS } : { added: PAPERS, duplicates: 0 })
    expect(lib.prepare('SELECT title FROM papers ORDER BY title').pluck().all()).toEqual(expectedTitles)
    expect(problems(lib)).toEqual([])
  } finally {
    lib.close()
  }
  return { mode, delay: typeof when === 'object' ? when.delay : -1, present, walBytes }
}

describe('SIGKILL during an import', () => {
  const figures = { rounds: 0, complete: 0, absent: 0, killedMidWrite: 0 }
  const tally = (o: Outcome): void => {
    figures.rounds++
    if (o.present) figures.complete++
    else figures.absent++
    if (!o.present && o.walBytes > 0) figures.killedMidWrite++
  }

  for (const mode of ['cli', 'web'] as const) {
    it(`${mode}: killed mid-write, the import is wholly absent`, async () => {
      const o = await crashRound(mode, 'mid-write')
      tally(o)
      expect(o.walBytes).toBeGreaterThan(0)
      expect(o.present).toBe(false)
    }, 60_000)

    it(`${mode}: killed right after COMMIT, the import is wholly there`, async () => {
      const o = await crashRound(mode, 'after-commit')
      tally(o)
      expect(o.present).toBe(true)
    }, 60_000)
  }

  it(
    `${ROUNDS} kills at random moments: each import wholly there or wholly absent`,
    async () => {
      const rand = random(runSeed('crash-import'))
      const outcomes: Outcome[] = []
      const perMode = Math.ceil(ROUNDS / 2)
      for (let i = 0; i < ROUNDS; i++) {
        const mode = i % 2 === 0 ? 'cli' : 'web'
        // Stratified: each round draws its delay from its own slice of [0, 1.2 × the import's duration],
        // so the kills spread over start-up, parsing, writing and exit.
        const slice = Math.floor(i / 2)
        const delay = ((slice + rand()) / perMode) * 1.2 * duration[mode]
        const o = await crashRound(mode, { delay })
        outcomes.push(o)
        tally(o)
      }
      const complete = outcomes.filter((o) => o.present).length
      console.log(
        `crash-import: ${ROUNDS} random kills (import of ${PAPERS} papers: cli ${Math.round(duration.cli)} ms, ` +
          `web ${Math.round(duration.web)} ms): ${complete} complete, ${ROUNDS - complete} absent, ` +
          `${outcomes.filter((o) => !o.present && o.walBytes > 0).length} of them mid-write`
      )
    },
    sized(120_000, 1_800_000)
  )

  it('used the digest the rounds expect, and recorded the figures', () => {
    expect(readFileSync(digestPath).equals(digest)).toBe(true)
    expect(expectedTitles).toHaveLength(seedCounts.papers + PAPERS)
    expect(figures.rounds).toBe(ROUNDS + 4)
    recordFigures('crash-import', { ...figures, papersPerImport: PAPERS, dataLost: 0 })
  })
})
