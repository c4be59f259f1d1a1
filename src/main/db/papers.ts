// Queries and mutations of papers and their reading state. Plain functions over a Db; no transport here.
import type { ListPapersInput, PaperPage, StateChange, StateSnapshot } from '../../shared/api'
import type { Counts, DigestRef, Link, Paper, PaperSummary, SortOrder, View } from '../../shared/types'
import type { Db } from './connection'
import { parseSearch } from '../../shared/search'
import { UserError } from '../errors'
import { tagFamily } from './tags'

export interface PaperFilter {
  view: View
  digestId?: number | undefined
  tags?: string[] | undefined
  search?: string | undefined
}

interface Where {
  sql: string[]
  params: unknown[]
}

const now = (): string => new Date().toISOString()

function filterSql(f: PaperFilter, extraTags: string[], is: ReturnType<typeof parseSearch>['is']): Where {
  const w: Where = { sql: [], params: [] }
  const read = f.view === 'unread' ? false : f.view === 'read' ? true : is.read
  if (read !== undefined) w.sql.push(`p.read = ${read ? 1 : 0}`)
  const starred = f.view === 'starred' ? true : is.starred
  if (starred !== undefined) w.sql.push(`p.starred = ${starred ? 1 : 0}`)
  const note = f.view === 'notes' ? true : is.note
  if (note !== undefined) {
    w.sql.push(`${note ? '' : 'NOT '}EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id AND n.body <> '')`)
  }
  if (f.digestId !== undefined) {
    w.sql.push('EXISTS (SELECT 1 FROM digest_papers dp WHERE dp.paper_id = p.id AND dp.digest_id = ?)')
    w.params.push(f.digestId)
  }
  // A parent tag's view includes its nested tags (ml includes ml/vision).
  for (const tag of [...(f.tags ?? []), ...extraTags]) {
    w.sql.push(
      `EXISTS (SELECT 1 FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
        WHERE pt.paper_id = p.id AND ${tagFamily('t.name')})`
    )
    w.params.push(tag, tag, tag)
  }
  return w
}

// ---- rows ------------------------------------------------------------------------------------------

interface SummaryRow {
  id: number
  title: string
  authors: string
  read: number
  starred: number
  has_note: number
  tags: string
  excerpt: string
}

/** The columns of a list row; also the benchmark's baseline SELECT, so both read exactly the same. */
export const SUMMARY_COLUMNS = `p.id, p.title, p.authors, p.read, p.starred, substr(p.abstract, 1, 220) AS excerpt,
  EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id AND n.body <> '') AS has_note,
  (SELECT coalesce(json_group_array(t.name), '[]') FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE pt.paper_id = p.id) AS tags`

// ---- keyset paging ---------------------------------------------------------------------------------

interface KeyOrder {
  /** SQL expression of the sort key (ties broken by the id expression). */
  key: string
  id: string
  desc: boolean
  from: string
}

const ORDERS: Record<SortOrder | 'edited', KeyOrder> = {
  digest: { key: 'p.digest_rank', id: 'p.id', desc: false, from: 'papers p' },
  newest: { key: 'p.added_at', id: 'p.id', desc: true, from: 'papers p' },
  title: { key: 'p.title COLLATE NOCASE', id: 'p.id', desc: false, from: 'papers p' },
  edited: {
    key: 'n.updated_at',
    id: 'n.paper_id',
    desc: true,
    from: "notes n JOIN papers p ON p.id = n.paper_id AND n.body <> ''"
  }
}

type Cursor = [string | number, number]

function encodeCursor(c: Cursor | number): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url')
}

function decodeCursor(s: string): unknown {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  } catch {
    throw new UserError('invalid_input', 'The list cursor is not valid; reload the list.')
  }
}

function keysetCursor(s: string | null | undefined): Cursor | null {
  if (!s) return null
  const c = decodeCursor(s)
  if (
    Array.isArray(c) &&
    c.length === 2 &&
    (typeof c[0] === 'string' || typeof c[0] === 'number') &&
    Number.isInteger(c[1])
  ) {
    return c as Cursor
  }
  throw new UserError('invalid_input', 'The list cursor is not valid; reload the list.')
}

function offsetCursor(s: string | null | undefined): number {
  if (!s) return 0
  const c = decodeCursor(s)
  if (Number.isInteger(c) && (c as number) >= 0) return c as number
  throw new UserError('invalid_input', 'The list cursor is not valid; reload the list.')
}

/**
 * The page after `cursor` in (key, id) order. Written as two index seeks joined by UNION ALL: SQLite does
 * not seek on a row-value comparison, so `(key, id) > (?, ?)` would scan from the start and make the
 * last page as slow as reading the whole list. The summary columns come with the keys, in the same
 * statement: they are computed only for the rows of the page.
 */
function keysetRows(
  db: Db,
  o: KeyOrder,
  w: Where,
  cursor: Cursor | null,
  limit: number
): Array<SummaryRow & { k: string | number }> {
  const dir = o.desc ? 'DESC' : 'ASC'
  const cmp = o.desc ? '<' : '>'
  const cond = w.sql.length ? w.sql.join(' AND ') : '1'
  const select = `SELECT ${o.key} AS k, ${SUMMARY_COLUMNS} FROM ${o.from} WHERE ${cond}`
  if (!cursor) {
    const sql = `${select} ORDER BY ${o.key} ${dir}, ${o.id} ${dir} LIMIT ?`
    return db.prepare(sql).all(...w.params, limit) as Array<SummaryRow & { k: string | number }>
  }
  const sql = `SELECT * FROM (${select} AND ${o.key} = ? AND ${o.id} ${cmp} ? ORDER BY ${o.id} ${dir} LIMIT ?)
    UNION ALL
    SELECT * FROM (${select} AND ${o.key} ${cmp} ? ORDER BY ${o.key} ${dir}, ${o.id} ${dir} LIMIT ?)
    LIMIT ?`
  return db
    .prepare(sql)
    .all(...w.params, cursor[0], cursor[1], limit, ...w.params, cursor[0], limit, limit) as Array<
    SummaryRow & { k: string | number }
  >
}

function digestOrderPage(
  db: Db,
  digestId: number,
  w: Where,
  cursor: string | null | undefined,
  limit: number
): PaperPage {
  const after = cursor ? offsetCursor(cursor) : -1
  const cond = w.sql.length ? ` AND ${w.sql.join(' AND ')}` : ''
  const rows = db
    .prepare(
      `SELECT dp.position, ${SUMMARY_COLUMNS} FROM digest_papers dp JOIN papers p ON p.id = dp.paper_id
       WHERE dp.digest_id = ? AND dp.position > ?${cond} ORDER BY dp.position LIMIT ?`
    )
    .all(digestId, after, ...w.params, limit + 1) as Array<SummaryRow & { position: number }>
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    papers: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(last.position) : null
  }
}

function toSummary(r: SummaryRow): PaperSummary {
  return {
    id: r.id,
    title: r.title,
    authors: JSON.parse(r.authors) as string[],
    read: r.read === 1,
    starred: r.starred === 1,
    hasNote: r.has_note === 1,
    tags: (JSON.parse(r.tags) as string[]).sort(),
    excerpt: r.excerpt
  }
}

// ---- public ----------------------------------------------------------------------------------------

export type ListInput = Required<Pick<ListPapersInput, 'view' | 'sort' | 'limit'>> & ListPapersInput

export function listPapers(db: Db, input: ListInput): PaperPage {
  const parsed = parseSearch(input.search ?? '')
  const w = filterSql(input, parsed.tags, parsed.is)
  const limit = input.limit

  if (parsed.match) {
    // Ranked search: bm25 order is not a stable key, so the cursor is an offset into the ranking.
    const offset = offsetCursor(input.cursor)
    const cond = w.sql.length ? ` AND ${w.sql.join(' AND ')}` : ''
    let rows: Array<SummaryRow & { snippet: string; marked_title: string }>
    try {
      rows = db
        .prepare(
          `SELECT ${SUMMARY_COLUMNS},
             highlight(papers_fts, 0, char(2), char(3)) AS marked_title,
             snippet(papers_fts, 2, char(2), char(3), '…', 24) AS snippet
           FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
           WHERE papers_fts MATCH ?${cond}
           ORDER BY papers_fts.rank LIMIT ? OFFSET ?`
        )
        .all(parsed.match, ...w.params, limit + 1, offset) as typeof rows
    } catch (err) {
      if (err instanceof Error && /fts5/i.test(err.message)) {
        throw new UserError('invalid_input', 'That search could not be understood; try plain words.')
      }
      throw err
    }
    const papers = rows.slice(0, limit).map((r) => {
      const s = toSummary(r)
      s.snippet = r.snippet
      s.markedTitle = r.marked_title
      return s
    })
    return { papers, nextCursor: rows.length > limit ? encodeCursor(offset + limit) : null }
  }

  if (input.digestId !== undefined && input.sort === 'digest') {
    const { digestId: _, ...rest } = input
    const inner = filterSql(rest, parsed.tags, parsed.is)
    return digestOrderPage(db, input.digestId, inner, input.cursor, limit)
  }

  const order = ORDERS[input.view === 'notes' && input.sort === 'digest' ? 'edited' : input.sort]
  const rows = keysetRows(db, order, w, keysetCursor(input.cursor), limit + 1)
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    papers: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor([last.k, last.id]) : null
  }
}

/** Every id a filter selects (for bulk actions on a whole view), in no particular order. */
export function filterIds(db: Db, f: PaperFilter, extra: string[] = []): number[] {
  const parsed = parseSearch(f.search ?? '')
  const w = filterSql(f, parsed.tags, parsed.is)
  w.sql.push(...extra)
  const cond = w.sql.length ? `WHERE ${w.sql.join(' AND ')}` : ''
  if (parsed.match) {
    return db
      .prepare(
        `SELECT p.id FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
         WHERE papers_fts MATCH ? ${cond ? 'AND ' + w.sql.join(' AND ') : ''}`
      )
      .pluck()
      .all(parsed.match, ...w.params) as number[]
  }
  return db
    .prepare(`SELECT p.id FROM papers p ${cond}`)
    .pluck()
    .all(...w.params) as number[]
}

export function counts(db: Db): Counts {
  const one = (sql: string): number => db.prepare(sql).pluck().get() as number
  const digests = db
    .prepare(
      `SELECT id, name, source, format, imported_at AS importedAt, found, added, duplicates,
         paper_count AS total, read_count AS read
       FROM digests ORDER BY id DESC`
    )
    .all() as Counts['digests']
  // A tag counts the papers carrying it or a tag nested below it ('ml' counts 'ml/vision'). The range on
  // the NOCASE name index finds the nested tags as the tagFamily() test has it, without comparing every pair.
  const tags = db
    .prepare(
      `SELECT t.id, t.name, t.color, count(DISTINCT pt.paper_id) AS count
       FROM tags t
       JOIN tags c ON c.id = t.id OR (c.name >= t.name || '/' AND c.name < t.name || '0')
       LEFT JOIN paper_tags pt ON pt.tag_id = c.id
       GROUP BY t.id ORDER BY t.name COLLATE NOCASE`
    )
    .all() as Counts['tags']
  return {
    all: one('SELECT count(*) FROM papers'),
    unread: one('SELECT count(*) FROM papers WHERE read = 0'),
    read: one('SELECT count(*) FROM papers WHERE read = 1'),
    starred: one('SELECT count(*) FROM papers WHERE starred = 1'),
    notes: one("SELECT count(*) FROM notes WHERE body <> ''"),
    digests,
    tags
  }
}

interface PaperRow {
  id: number
  title: string
  authors: string
  abstract: string
  url: string | null
  arxiv_id: string | null
  doi: string | null
  links: string
  read: number
  read_at: string | null
  starred: number
  starred_at: string | null
  added_at: string
  note: string | null
  note_updated_at: string | null
}

export function getPaper(db: Db, id: number): Paper | null {
  const r = db
    .prepare(
      `SELECT p.*, n.body AS note, n.updated_at AS note_updated_at
       FROM papers p LEFT JOIN notes n ON n.paper_id = p.id WHERE p.id = ?`
    )
    .get(id) as PaperRow | undefined
  if (!r) return null
  const tags = db
    .prepare(
      `SELECT t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
       WHERE pt.paper_id = ? ORDER BY t.name COLLATE NOCASE`
    )
    .pluck()
    .all(id) as string[]
  const digests = db
    .prepare(
      `SELECT d.id, d.name, d.imported_at AS importedAt FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
       WHERE dp.paper_id = ? ORDER BY d.id DESC`
    )
    .all(id) as DigestRef[]
  return {
    id: r.id,
    title: r.title,
    authors: JSON.parse(r.authors) as string[],
    abstract: r.abstract,
    url: r.url,
    arxivId: r.arxiv_id,
    doi: r.doi,
    links: JSON.parse(r.links) as Link[],
    read: r.read === 1,
    starred: r.starred === 1,
    readAt: r.read_at,
    starredAt: r.starred_at,
    tags,
    note: r.note ?? '',
    noteUpdatedAt: r.note_updated_at,
    addedAt: r.added_at,
    digests
  }
}

function snapshots(db: Db, ids: number[], changing: string): StateSnapshot[] {
  const rows = db
    .prepare(
      `SELECT id, read, starred, read_at, starred_at FROM papers
       WHERE id IN (SELECT value FROM json_each(?)) AND ${changing}`
    )
    .all(JSON.stringify(ids)) as Array<{
    id: number
    read: number
    starred: number
    read_at: string | null
    starred_at: string | null
  }>
  return rows.map((r) => ({
    id: r.id,
    read: r.read === 1,
    starred: r.starred === 1,
    readAt: r.read_at,
    starredAt: r.starred_at
  }))
}

function setFlag(db: Db, ids: number[], column: 'read' | 'starred', value: boolean): StateChange {
  return db.transaction(() => {
    const v = value ? 1 : 0
    const before = snapshots(db, ids, `${column} <> ${v}`)
    const info = db
      .prepare(
        `UPDATE papers SET ${column} = ?, ${column}_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND ${column} <> ?`
      )
      .run(v, now(), JSON.stringify(ids), v)
    return { changed: info.changes, before }
  })()
}

export const setRead = (db: Db, ids: number[], read: boolean): StateChange => setFlag(db, ids, 'read', read)
export const setStarred = (db: Db, ids: number[], starred: boolean): StateChange =>
  setFlag(db, ids, 'starred', starred)

export function restoreState(db: Db, items: StateSnapshot[]): number {
  const update = db.prepare(
    'UPDATE papers SET read = ?, read_at = ?, starred = ?, starred_at = ? WHERE id = ?'
  )
  return db.transaction(() => {
    let changed = 0
    for (const s of items) {
      changed += update.run(s.read ? 1 : 0, s.readAt, s.starred ? 1 : 0, s.starredAt, s.id).changes
    }
    return changed
  })()
}
