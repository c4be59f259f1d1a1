// Issue 8, part 1: every hostile input is either imported or refused with one clear sentence (an
// ImportError, never another error, never a hang), and whatever happens the library stays sound: earlier
// data untouched, only http(s) links stored, integrity checks pass, and no prototype was polluted.
// Each import runs in a child process with a deadline (support/import-process.ts), so a hang fails its
// case instead of freezing the run.
import Database from 'better-sqlite3'
import { copyFileSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { importDigest } from '../../src/main/import/importer'
import { parseDigest } from '../../src/main/import/parse'
import { tmpDir } from '../helpers/tmp'
import { corpus, writeCase, type Case } from './support/corpus'
import { problems, unsafeLinks, linkCount } from './support/db'
import { LONG, recordFigures, ROOT } from './support/env'
import { ImportProcess } from './support/import-process'
import { rowCounts, seededRows, seedLibraryFile, type Seed } from './support/library'
import { GOOD_URL } from './support/payloads'

const CASES = corpus()
const DEFAULT_TIMEOUT = 20_000

let dir: string
let cleanup: () => void
let template: string
let seed: Seed
let importer: ImportProcess

beforeAll(() => {
  ;({ dir, cleanup } = tmpDir('papershelf-hostile-'))
  template = join(dir, 'seed.db')
  seed = seedLibraryFile(template)
  importer = new ImportProcess()
})
afterAll(() => {
  importer.close()
  cleanup()
})

/** What a case left in the library, for the checks that look across cases at the end. */
interface Stored {
  c: Case
  format: string | null
  titles: string[]
  /** Text fields of the new papers holding control characters or lone surrogates. */
  dirtyText: string[]
  /** New papers that kept the one good link the hostile digests carry among the bad ones. */
  withGoodLink: number
}
const stored: Stored[] = []
const figures = { inputs: 0, imported: 0, refused: 0, papers: 0, largestBytes: 0 }

// C0 controls other than tab and line feed, and DEL: none belongs in a title, and \u0002/\u0003 are the
// search highlight markers (src/renderer/src/lib/marked.tsx). C1 controls are left to a lesser finding.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function dirtyText(db: Database.Database, digestId: number): string[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.title, p.authors, p.abstract FROM papers p
       JOIN digest_papers dp ON dp.paper_id = p.id WHERE dp.digest_id = ? LIMIT 5000`
    )
    .all(digestId) as Array<{ id: number; title: string; authors: string; abstract: string }>
  const bad: string[] = []
  for (const row of rows) {
    const fields = { title: row.title, authors: row.authors, abstract: row.abstract }
    for (const [field, value] of Object.entries(fields)) {
      if (CONTROL.test(value) || LONE_SURROGATE.test(value))
        bad.push(`paper ${row.id} ${field}: ${JSON.stringify(value.slice(0, 80))}`)
    }
  }
  return bad
}

async function runCase(c: Case): Promise<void> {
  const dbPath = join(dir, 'case.db')
  copyFileSync(template, dbPath)
  const file = writeCase(c, dir)
  if (c.file !== 'over-limit.txt') figures.largestBytes = Math.max(figures.largestBytes, statSync(file).size)
  const timeout = c.timeoutMs ?? DEFAULT_TIMEOUT
  let db: Database.Database | null = null
  try {
    const before = new Database(dbPath)
    const counts = rowCounts(before)
    const seeded = seededRows(before, seed)
    before.close()

    const outcome = await importer.run({ file, dbPath, format: c.format }, timeout)
    figures.inputs++
    if ('hung' in outcome) throw new Error(`"${c.name}" did not finish within ${timeout} ms: a hang`)
    if ('died' in outcome) throw new Error(`"${c.name}": ${outcome.died}`)
    expect(outcome.polluted, 'prototype pollution').toEqual([])

    db = new Database(dbPath)
    expect(problems(db), 'library integrity').toEqual([])
    expect(unsafeLinks(db), 'only http(s) links are stored').toEqual([])
    // The rows that were there before are exactly as they were, whatever the outcome.
    expect(seededRows(db, seed)).toEqual(seeded)

    if (!outcome.ok) {
      figures.refused++
      // Anything but an ImportError is a bug that reaches the user as "Something went wrong".
      expect(outcome.isImportError, `${outcome.errorName}: ${outcome.message}`).toBe(true)
      expect(outcome.cause, 'a parser crashed and was only wrapped').toBeNull()
      expect(outcome.message).toMatch(/^[A-Z"].{8,300}\.$/s)
      expect(outcome.userMessage).toBe(outcome.message)
      expect(c.expect, `"${c.name}" should have imported but was refused: ${outcome.message}`).not.toBe(
        'import'
      )
      if (c.reason) expect(outcome.message).toMatch(c.reason)
      expect(rowCounts(db), 'a refused import changes nothing').toEqual(counts)
      return
    }

    figures.imported++
    figures.papers += outcome.summary.added
    expect(c.expect, `"${c.name}" should have been refused`).not.toBe('refuse')
    const { summary } = outcome
    expect(summary.found).toBeGreaterThan(0)
    if (c.found !== undefined) expect(summary.found).toBe(c.found)
    const after = rowCounts(db)
    expect(after.papers).toBe(counts.papers + summary.added)
    expect(after.digests).toBe(counts.digests + 1)
    const titles = db
      .prepare(
        'SELECT p.title FROM papers p JOIN digest_papers dp ON dp.paper_id = p.id WHERE dp.digest_id = ? LIMIT 100'
      )
      .pluck()
      .all(summary.digestId) as string[]
    for (const title of c.titles ?? []) expect(titles).toContain(title)
    const withGoodLink = db
      .prepare(
        `SELECT count(*) FROM papers p JOIN digest_papers dp ON dp.paper_id = p.id
         WHERE dp.digest_id = ? AND instr(p.links, ?) > 0`
      )
      .pluck()
      .get(summary.digestId, GOOD_URL) as number
    stored.push({
      c,
      format: summary.format,
      titles,
      dirtyText: dirtyText(db, summary.digestId),
      withGoodLink
    })
  } finally {
    db?.close()
    rmSync(file, { force: true })
    rmSync(dbPath, { force: true })
    rmSync(dbPath + '-wal', { force: true })
    rmSync(dbPath + '-shm', { force: true })
  }
}

describe('hostile input corpus', () => {
  for (const c of CASES) {
    // The deadline bounds the import; the checks after it read the whole library, which takes time too.
    it(`${c.group}: ${c.name}`, () => runCase(c), (c.timeoutMs ?? DEFAULT_TIMEOUT) * 2 + 60_000)
  }

  it('covered every kind of hostile input, and stored the good links it was given', () => {
    const groups = new Set(CASES.map((c) => c.group))
    expect([...groups].sort()).toEqual(['binary', 'encoding', 'html', 'injection', 'json', 'size'])
    const injections = stored.filter((s) => s.c.group === 'injection')
    // Ten formats (hf-text twice: detected, then forced), each carrying every payload; a format that
    // stopped importing them would hide a gap.
    expect(injections.map((s) => s.format).sort()).toEqual(
      [
        'arxiv-email',
        'atom',
        'bibtex',
        'csv',
        'hf-html',
        'hf-text',
        'hf-text',
        'json',
        'json',
        'ris',
        'rss'
      ].sort()
    )
    // Dropping every link would pass the http(s)-only check too: each format kept the good one.
    for (const s of injections) expect(s.withGoodLink, s.c.name).toBeGreaterThan(0)
    recordFigures('hostile-input', figures)
  })

  it('never imports markup hidden in comments, raw-text elements, CDATA, attributes or srcdoc', () => {
    const html = stored.filter((s) => s.c.group === 'html')
    expect(html.length).toBeGreaterThanOrEqual(5)
    for (const s of html)
      expect(
        s.titles.filter((t) => /FAKE/.test(t)),
        s.c.file
      ).toEqual([])
  })

  it('stores no control characters or lone surrogates in titles, authors and abstracts', () => {
    const checked = stored
    expect(checked.length).toBeGreaterThan(35)
    expect(checked.flatMap((s) => s.dirtyText.map((d) => `${s.c.name}: ${d}`))).toEqual([])
  })
})

// Bugs this suite found in the importer; each test asserts the corrected behaviour.
describe('importer bugs found by this suite, fixed', () => {
  it('control characters from JSON escapes (\\u0000, \\u0002 …) are not stored in titles', () => {
    const json = stored.filter((s) => s.format === 'json')
    expect(json.length).toBeGreaterThan(2)
    expect(json.flatMap((s) => s.dirtyText)).toEqual([])
  })

  it('a JSON export with an empty tag imports, leaving that tag out', () => {
    const { dir: d, cleanup: done } = tmpDir()
    const db = openDatabase(join(d, 'l.db'))
    try {
      const bytes = Buffer.from(JSON.stringify([{ title: 'Empty tag', tags: [''] }]))
      expect(() => importDigest(db, bytes, { name: 'tags.json' })).not.toThrow()
    } finally {
      db.close()
      done()
    }
  })

  it('imported tag names follow the rules the app enforces (trimmed, ≤ 200, parents exist)', () => {
    const { dir: d, cleanup: done } = tmpDir()
    const db = openDatabase(join(d, 'l.db'))
    try {
      const bytes = Buffer.from(
        JSON.stringify([{ title: 'Tags', tags: [' ml / nlp ', 'x'.repeat(500), 'a//b'] }])
      )
      importDigest(db, bytes, { name: 'tags.json' })
      const names = db.prepare('SELECT name FROM tags ORDER BY name').pluck().all() as string[]
      for (const name of names) {
        expect(name.length).toBeLessThanOrEqual(200)
        expect(name.split('/').every((part) => part !== '' && part === part.trim())).toBe(true)
        // Every level of a nested tag is a tag of its own (src/main/db/tags.ts, ensureTag).
        if (name.includes('/')) expect(names).toContain(name.slice(0, name.lastIndexOf('/')))
      }
    } finally {
      db.close()
      done()
    }
  })

  it('a Daily Papers text copy that mentions <table> is read as text', () => {
    const text =
      'Get trending papers in your email inbox once a day!\n' +
      'Tables Are Not Text: Parsing the <table> Element in Web Pages\n' +
      'Web agents must read tables. We show that models reading raw <table> markup lose half their ' +
      'accuracy, and we propose a parser that recovers it. Code and data are released for everyone.\n'
    expect(parseDigest(Buffer.from(text)).papers.map((p) => p.title)).toEqual([
      'Tables Are Not Text: Parsing the <table> Element in Web Pages'
    ])
  })

  it('markup inside <title>, <textarea>, <xmp> and <plaintext> never becomes papers', () => {
    const page = readFileSync(join(ROOT, 'tests/fixtures/hostile/html-rcdata.html'))
    expect(
      parseDigest(page)
        .papers.map((p) => p.title)
        .filter((t) => /FAKE/.test(t))
    ).toEqual([])
  })
})

describe('the corpus itself', () => {
  it('held a real large input even in the quick run', () => {
    // At least one 100 MB case runs in `npm test`; `npm run test:long` makes the others full size too.
    expect(figures.largestBytes).toBeGreaterThanOrEqual(100 * 1024 * 1024)
    if (LONG) expect(CASES.some((c) => c.found === 1_000_000)).toBe(true)
  })

  it('checks links against a library that has good ones', () => {
    // unsafeLinks() passing on a library without links would prove nothing.
    const db = new Database(template, { readonly: true })
    try {
      expect(linkCount(db)).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  })
})
