// The data-side benchmarks: import, search, list pages, toggles and size, each through the real code in
// src/ against a hand-written SQL baseline measured in the same run, on the same file.
import { readFileSync, rmSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { createHash } from 'node:crypto'
import type { Db } from '../../src/main/db/connection'
import { openDatabase } from '../../src/main/db/connection'
import { createService, type Handlers } from '../../src/main/service'
import { SUMMARY_COLUMNS } from '../../src/main/db/papers'
import { contract, type ListPapersInput, type PaperPage } from '../../src/shared/api'
import { parseDigest } from '../../src/main/import/parse'
import { writeDigest } from '../../src/main/import/importer'
import { ImportJobs } from '../../src/main/import/jobs'
import { titleKey } from '../../src/main/import/normalise'
import type { ParsedPaper } from '../../src/main/import/types'
import { parseSearch } from '../../src/shared/search'
import { gc, log, now, paired, ratio, summarise, type Ratio, type Summary } from './stats'
import { plansOf, timeSql, type Plan, type SqlTiming } from './sql'
import { splitApi, type ApiSplit } from './profile'

export function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
}

// ---- import ----------------------------------------------------------------------------------------

export interface ImportBench {
  runs: number
  fileBytes: number
  papers: number
  ratio: Ratio
  /** Where the importer's time goes (p50 of each phase over the runs). */
  phases: { readMs: number; parseMs: number; writeMs: number }
  /** Per-statement SQL time of one extra importer run, with --profile. */
  profile?: { totalMs: number; statements: SqlTiming[] }
}

/** The rows the importer would write, prepared ahead so that the baseline times SQLite only. */
function preparedRows(papers: ParsedPaper[], importedAt: string) {
  return papers.map((p) => {
    const s = p.state ?? {}
    return {
      paper: [
        p.title,
        JSON.stringify(p.authors),
        p.abstract,
        p.url,
        p.arxivId,
        p.doi,
        titleKey(p.title),
        JSON.stringify(p.links),
        s.addedAt ?? importedAt,
        s.read ? 1 : 0,
        s.read ? (s.readAt ?? importedAt) : null,
        s.starred ? 1 : 0,
        s.starred ? (s.starredAt ?? importedAt) : null
      ],
      note: s.note ? [s.note, s.noteUpdatedAt ?? importedAt] : null,
      tags: s.tags ?? []
    }
  })
}

/**
 * The floor an importer could reach: the same rows into the same schema, triggers and all, with plain
 * prepared INSERTs in one transaction; no parsing, no normalising, no duplicate lookups.
 */
function rawInsert(db: Db, rows: ReturnType<typeof preparedRows>, name: string, importedAt: string): void {
  const digest = db.prepare(
    `INSERT INTO digests (name, source, format, imported_at, found, added, duplicates, warnings)
     VALUES (?, NULL, 'json', ?, ?, ?, 0, '[]')`
  )
  const paper = db.prepare(
    `INSERT INTO papers (title, authors, abstract, url, arxiv_id, doi, title_key, links, added_at,
       first_digest_id, read, read_at, starred, starred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const link = db.prepare('INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (?, ?, ?)')
  const note = db.prepare('INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, ?)')
  const tag = db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)')
  const tagPaper = db.prepare('INSERT INTO paper_tags (paper_id, tag_id) VALUES (?, ?)')
  db.transaction(() => {
    const digestId = digest.run(name, importedAt, rows.length, rows.length).lastInsertRowid
    const tagIds = new Map<string, number | bigint>()
    for (const [i, r] of rows.entries()) {
      const [title, authors, abstract, url, arxivId, doi, key, links, addedAt, ...state] = r.paper
      const id = paper.run(
        title,
        authors,
        abstract,
        url,
        arxivId,
        doi,
        key,
        links,
        addedAt,
        digestId,
        ...state
      ).lastInsertRowid
      link.run(digestId, id, i)
      if (r.note) note.run(id, ...r.note)
      for (const t of r.tags) {
        let tagId = tagIds.get(t)
        if (tagId === undefined) {
          tagId = tag.run(t, importedAt).lastInsertRowid
          tagIds.set(t, tagId)
        }
        tagPaper.run(id, tagId)
      }
    }
  })()
}

export function importBench(opts: {
  file: string
  dir: string
  runs: number
  /** Where to leave the last importer run's database: it becomes the library the other benchmarks use. */
  keep: string
  profile: boolean
}): ImportBench {
  const bytes = readFileSync(opts.file)
  const name = basename(opts.file)
  const parsed = parseDigest(bytes).papers
  const importedAt = new Date().toISOString()
  const rows = preparedRows(parsed, importedAt)
  const phases = { read: [] as number[], parse: [] as number[], write: [] as number[] }
  const subject: number[] = []
  const baseline: number[] = []

  const importerRun = (path: string): void => {
    const db = openDatabase(path)
    try {
      gc()
      const t0 = now()
      // importDigest is exactly parseDigest then writeDigest; calling the two keeps the phases apart.
      const data = readFileSync(opts.file)
      const t1 = now()
      const outcome = parseDigest(data)
      const t2 = now()
      writeDigest(db, outcome.papers, {
        name,
        source: opts.file,
        format: outcome.format,
        warnings: outcome.warnings
      })
      const t3 = now()
      subject.push(t3 - t0)
      phases.read.push(t1 - t0)
      phases.parse.push(t2 - t1)
      phases.write.push(t3 - t2)
    } finally {
      db.close()
    }
  }
  const baselineRun = (path: string): void => {
    const db = openDatabase(path)
    try {
      gc()
      const t0 = now()
      rawInsert(db, rows, name, importedAt)
      baseline.push(now() - t0)
    } finally {
      db.close()
    }
  }

  for (let i = 0; i < opts.runs; i++) {
    const last = i === opts.runs - 1
    const a = last ? opts.keep : `${opts.dir}/import-${i}.db`
    const b = `${opts.dir}/baseline-${i}.db`
    // Alternate the order so that neither side always runs on a warmer machine.
    if (i % 2 === 0) {
      importerRun(a)
      baselineRun(b)
    } else {
      baselineRun(b)
      importerRun(a)
    }
    if (!last) removeDb(a)
    removeDb(b)
    log(
      `    import run ${i + 1}/${opts.runs}: importer ${subject.at(-1)!.toFixed(0)} ms, raw ${baseline.at(-1)!.toFixed(0)} ms`
    )
  }

  const result: ImportBench = {
    runs: opts.runs,
    fileBytes: bytes.length,
    papers: parsed.length,
    ratio: ratio(subject, baseline),
    phases: {
      readMs: summarise(phases.read).p50,
      parseMs: summarise(phases.parse).p50,
      writeMs: summarise(phases.write).p50
    }
  }
  if (opts.profile) {
    const path = `${opts.dir}/import-profile.db`
    const db = openDatabase(path)
    try {
      const outcome = parseDigest(readFileSync(opts.file))
      const { timings, totalMs } = timeSql(db, () =>
        writeDigest(db, outcome.papers, { name, source: null, format: outcome.format, warnings: [] })
      )
      result.profile = { totalMs, statements: timings.slice(0, 12) }
    } finally {
      db.close()
      removeDb(path)
    }
  }
  return result
}

/**
 * Real libraries hold many digests. The benchmark imports one file of N papers, then files its papers
 * into weekly digests of `per` papers with plain SQL, as if they had been imported week by week; only
 * digest bookkeeping changes (never a searchable column, so the full-text index is not touched).
 */
export function splitIntoDigests(path: string, per: number): number {
  const db = openDatabase(path)
  try {
    return db.transaction(() => {
      const first = db.prepare('SELECT * FROM digests ORDER BY id LIMIT 1').get() as {
        id: number
        format: string
        imported_at: string
      }
      const total = db.prepare('SELECT count(*) FROM papers').pluck().get() as number
      const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[]
      const insert = db.prepare(
        `INSERT INTO digests (name, source, format, imported_at, found, added, duplicates, warnings)
         VALUES (?, NULL, ?, ?, ?, ?, 0, '[]')`
      )
      const move = db.prepare('UPDATE papers SET first_digest_id = ? WHERE id >= ? AND id <= ?')
      const relink = db.prepare(
        'UPDATE digest_papers SET digest_id = ?, position = position - ? WHERE digest_id = ? AND position >= ? AND position < ?'
      )
      const digests = Math.ceil(total / per)
      const start = Date.parse(first.imported_at) - digests * 7 * 86_400_000
      for (let d = 0; d < digests; d++) {
        const from = d * per
        const to = Math.min(total, from + per)
        const importedAt = new Date(start + d * 7 * 86_400_000).toISOString()
        const id = Number(
          insert.run(`Week ${d + 1}`, first.format, importedAt, to - from, to - from).lastInsertRowid
        )
        move.run(id, ids[from], ids[to - 1])
        relink.run(id, from, first.id, from, to)
      }
      db.prepare('DELETE FROM digests WHERE id = ?').run(first.id)
      return digests
    })()
  } finally {
    db.close()
  }
}

// ---- search ----------------------------------------------------------------------------------------

export interface SearchQuery {
  kind: string
  query: string
}

export interface SearchBench {
  kind: string
  query: string
  /** The FTS5 expression the app builds from the query, used by the baseline too. */
  match: string
  matches: number
  ratio: Ratio
  plans: Plan[]
}

export const SEARCH_LIMIT = 50

const parse = (input: ListPapersInput) => contract.listPapers.input.parse(input)

export function searchBench(
  db: Db,
  handlers: Handlers,
  queries: SearchQuery[],
  runs: number,
  budgetMs: number
): SearchBench[] {
  const raw = db.prepare(
    `SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rank LIMIT ${SEARCH_LIMIT}`
  )
  const count = db.prepare('SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?').pluck()
  return queries.map(({ kind, query }) => {
    const match = parseSearch(query).match ?? ''
    const input = parse({ view: 'all', search: query, limit: SEARCH_LIMIT })
    const api = (): unknown => handlers.listPapers(input)
    const base = (): unknown => raw.all(match)
    const times = paired(runs, api, base, { budgetMs })
    return {
      kind,
      query,
      match,
      matches: count.get(match) as number,
      ratio: ratio(times.subject, times.baseline),
      plans: plansOf(db, api)
    }
  })
}

// ---- list pages ------------------------------------------------------------------------------------

export interface ListView {
  name: string
  input: ListPapersInput
  /** The baseline: the same page with one hand-written SELECT walking the same index. */
  first: string
  /** As `first`, after the row (key, key, id) — written so SQLite seeks on the key's first column. */
  after: string
  /** The sort key of a paper, for the baseline's cursor. */
  key: string
}

export function listViews(db: Db, tag: string): ListView[] {
  // The tag's family (the tag and its nested tags) as ids, resolved once as a client would.
  const family = (
    db
      .prepare(`SELECT id FROM tags WHERE name = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\'`)
      .pluck()
      .all(tag, `${tag.replace(/[\\%_]/g, '\\$&')}/%`) as number[]
  ).join(', ')
  const hasTag = `EXISTS (SELECT 1 FROM paper_tags pt WHERE pt.paper_id = p.id AND pt.tag_id IN (${family || 'NULL'}))`
  const page = (where: string, order: string): string =>
    `SELECT ${SUMMARY_COLUMNS} FROM papers p WHERE ${where} ORDER BY ${order} LIMIT ?`
  return [
    {
      name: 'unread, digest order',
      input: { view: 'unread', sort: 'digest' },
      first: page('p.read = 0', 'p.digest_rank, p.id'),
      after: page(
        'p.read = 0 AND p.digest_rank >= ? AND (p.digest_rank > ? OR p.id > ?)',
        'p.digest_rank, p.id'
      ),
      key: 'SELECT digest_rank FROM papers WHERE id = ?'
    },
    {
      name: `tag "${tag}", digest order`,
      input: { view: 'all', tags: [tag], sort: 'digest' },
      first: page(hasTag, 'p.digest_rank, p.id'),
      after: page(
        `${hasTag} AND p.digest_rank >= ? AND (p.digest_rank > ? OR p.id > ?)`,
        'p.digest_rank, p.id'
      ),
      key: 'SELECT digest_rank FROM papers WHERE id = ?'
    },
    {
      name: 'all, sorted by title',
      input: { view: 'all', sort: 'title' },
      first: page('1', 'p.title COLLATE NOCASE, p.id'),
      after: page(
        '(p.title COLLATE NOCASE) >= ? AND ((p.title COLLATE NOCASE) > ? OR p.id > ?)',
        'p.title COLLATE NOCASE, p.id'
      ),
      key: 'SELECT title FROM papers WHERE id = ?'
    },
    {
      name: 'starred, newest first',
      input: { view: 'starred', sort: 'newest' },
      first: page('p.starred = 1', 'p.added_at DESC, p.id DESC'),
      after: page(
        'p.starred = 1 AND p.added_at <= ? AND (p.added_at < ? OR p.id < ?)',
        'p.added_at DESC, p.id DESC'
      ),
      key: 'SELECT added_at FROM papers WHERE id = ?'
    }
  ]
}

export interface ListBench {
  view: string
  rows: number
  pages: number
  first: Ratio
  last: Ratio
  /** The API's last page ÷ its first page (p50, p95). */
  depth: { p50: number; p95: number }
  /** Every page of one walk through the whole list, timed: shows whether depth costs anything. */
  walk: Summary
  sameRows: boolean
  plans: Plan[]
}

export const PAGE = 100

export function listBench(db: Db, handlers: Handlers, views: ListView[], runs: number): ListBench[] {
  return views.map((v) => {
    const input = (cursor: string | null) => parse({ ...v.input, limit: PAGE, cursor })
    // Walk the whole list through the API once: the cursor of the last page, and each page's time.
    const walkTimes: number[] = []
    const ids: number[] = []
    const pages: Array<{ cursor: string | null; ids: number[] }> = []
    let cursor: string | null = null
    do {
      const t = now()
      const page = handlers.listPapers(input(cursor)) as PaperPage
      walkTimes.push(now() - t)
      pages.push({ cursor, ids: page.papers.map((p) => p.id) })
      ids.push(...page.papers.map((p) => p.id))
      cursor = page.nextCursor
    } while (cursor)
    const { cursor: lastCursor, ids: lastPageIds } = pages.at(-1)!
    const firstStmt = db.prepare(v.first)
    const afterStmt = db.prepare(v.after)
    // The baseline's cursor: the sort key and id of the row just before the last page.
    const before = ids[ids.length - lastPageIds.length - 1]
    const key = before === undefined ? null : db.prepare(v.key).pluck().get(before)
    const rawFirst = (): Array<{ id: number }> => firstStmt.all(PAGE) as Array<{ id: number }>
    const rawLast = (): Array<{ id: number }> =>
      before === undefined ? rawFirst() : (afterStmt.all(key, key, before, PAGE) as Array<{ id: number }>)
    const apiFirst = (): unknown => handlers.listPapers(input(null))
    const apiLast = (): unknown => handlers.listPapers(input(lastCursor))
    const sameRows =
      JSON.stringify(rawFirst().map((r) => r.id)) === JSON.stringify(ids.slice(0, PAGE)) &&
      JSON.stringify(rawLast().map((r) => r.id)) === JSON.stringify(lastPageIds)
    const first = paired(runs, apiFirst, rawFirst, { warmup: 3 })
    const last = paired(runs, apiLast, rawLast, { warmup: 3 })
    const fs = summarise(first.subject)
    const ls = summarise(last.subject)
    return {
      view: v.name,
      rows: ids.length,
      pages: walkTimes.length,
      first: ratio(first.subject, first.baseline),
      last: ratio(last.subject, last.baseline),
      depth: { p50: ls.p50 / fs.p50, p95: ls.p95 / fs.p95 },
      walk: summarise(walkTimes),
      sameRows,
      plans: [...plansOf(db, apiFirst), ...plansOf(db, apiLast)]
    }
  })
}

// ---- toggles ---------------------------------------------------------------------------------------

export interface ToggleBench {
  action: 'read' | 'star'
  ratio: Ratio
  /** Rows SQLite changed per API toggle, triggers included: the paper, and for read its digests' counts. */
  changesPerToggle: number
}

/** A fingerprint of the full-text index's shadow tables: any FTS5 write changes it. */
export function ftsFingerprint(db: Db): string {
  const h = createHash('sha256')
  for (const sql of [
    'SELECT count(*), sum(length(block)), max(id) FROM papers_fts_data',
    // Row 1 holds the averages bm25 uses, row 10 the segment structure: both change on every FTS5 write.
    'SELECT id, hex(block) FROM papers_fts_data WHERE id IN (1, 10) ORDER BY id',
    'SELECT count(*), sum(segid), sum(pgno) FROM papers_fts_idx',
    'SELECT count(*), sum(length(sz)) FROM papers_fts_docsize',
    'SELECT k, v FROM papers_fts_config ORDER BY k'
  ]) {
    h.update(JSON.stringify(db.prepare(sql).raw().all()))
  }
  return h.digest('hex')
}

export function toggleBench(
  db: Db,
  handlers: Handlers,
  runs: number
): { results: ToggleBench[]; ftsUntouched: boolean } {
  const before = ftsFingerprint(db)
  const totalChanges = db.prepare('SELECT total_changes()').pluck()
  const results: ToggleBench[] = []
  for (const action of ['read', 'star'] as const) {
    const column = action === 'read' ? 'read' : 'starred'
    const ids = db
      .prepare(`SELECT id FROM papers WHERE ${column} = 0 ORDER BY id LIMIT ?`)
      .pluck()
      .all(runs * 2 + 10) as number[]
    const raw = db.prepare(`UPDATE papers SET ${column} = ?, ${column}_at = ? WHERE id = ?`)
    let a = 0
    let b = 1
    let changes = 0
    const api = (): void => {
      const id = ids[a % ids.length]!
      a += 2
      const c0 = totalChanges.get() as number
      if (action === 'read') handlers.setRead({ ids: [id], read: true })
      else handlers.setStarred({ ids: [id], starred: true })
      changes = Math.max(changes, (totalChanges.get() as number) - c0)
    }
    const base = (): void => {
      raw.run(1, new Date().toISOString(), ids[b % ids.length]!)
      b += 2
    }
    const t = paired(runs, api, base)
    // Put the library back as it was for the UI benchmark.
    db.prepare(
      `UPDATE papers SET ${column} = 0, ${column}_at = NULL WHERE id IN (SELECT value FROM json_each(?))`
    ).run(JSON.stringify(ids))
    results.push({ action, ratio: ratio(t.subject, t.baseline), changesPerToggle: changes })
  }
  return { results, ftsUntouched: ftsFingerprint(db) === before }
}

// ---- size ------------------------------------------------------------------------------------------

export interface SizeBench {
  dbBytes: number
  rawTextBytes: number
  ratio: number
  /** Bytes by table or index, largest first (full-text shadow tables grouped). */
  parts: Array<{ name: string; bytes: number }>
}

export function sizeBench(path: string, rawTextBytes: number): SizeBench {
  const db = openDatabase(path)
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
    const parts = db
      .prepare(
        `SELECT CASE WHEN name LIKE 'papers_fts%' THEN 'papers_fts (full-text index)' ELSE name END AS name,
           sum(pgsize) AS bytes
         FROM dbstat GROUP BY 1 ORDER BY 2 DESC`
      )
      .all() as Array<{ name: string; bytes: number }>
    const dbBytes = statSync(path).size
    return { dbBytes, rawTextBytes, ratio: dbBytes / rawTextBytes, parts }
  } finally {
    db.close()
  }
}

/** The library as the app's service sees it (no import worker: imports are not what is measured here). */
export function openLibrary(path: string): { db: Db; handlers: Handlers } {
  const db = openDatabase(path)
  return { db, handlers: createService({ db, jobs: new ImportJobs(db, path, null) }) }
}

// ---- where the API's time goes (--profile) --------------------------------------------------------

export interface ApiProfile {
  calls: ApiSplit[]
  /** counts(), which the renderer asks for at start-up and after every change, per statement. */
  counts: { totalMs: number; statements: SqlTiming[] }
}

export function apiProfile(db: Db, handlers: Handlers, queries: SearchQuery[]): ApiProfile {
  const list = (input: ListPapersInput) => () => handlers.listPapers(parse({ ...input, limit: PAGE }))
  const search = (q: string) => () =>
    handlers.listPapers(parse({ view: 'all', search: q, limit: SEARCH_LIMIT }))
  const ids = db
    .prepare('SELECT id FROM papers WHERE read = 0 ORDER BY id LIMIT 400')
    .pluck()
    .all() as number[]
  let i = 0
  const calls = [
    splitApi(db, 'listPapers: unread, first page', list({ view: 'unread' }), 200),
    splitApi(db, 'listPapers: all by title, first page', list({ view: 'all', sort: 'title' }), 200),
    ...queries
      .filter((q) => q.kind === 'rare' || q.kind === 'common')
      .map((q) =>
        splitApi(
          db,
          `listPapers: search ${q.kind} "${q.query}"`,
          search(q.query),
          q.kind === 'rare' ? 100 : 10
        )
      ),
    splitApi(
      db,
      'setRead, one paper',
      () => handlers.setRead({ ids: [ids[i++ % ids.length]!], read: true }),
      100
    ),
    splitApi(db, 'counts', () => handlers.counts({}), 5)
  ]
  db.prepare('UPDATE papers SET read = 0, read_at = NULL WHERE id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(ids)
  )
  const { timings, totalMs } = timeSql(db, () => handlers.counts({}))
  return { calls, counts: { totalMs, statements: timings } }
}
