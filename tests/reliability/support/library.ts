// A library with something to lose: papers in two digests, read and starred ones, notes and nested tags.
// Reliability tests copy it, do their worst to the copy, and then compare what was there before.
import type Database from 'better-sqlite3'
import { openDatabase, type Db } from '../../../src/main/db/connection'
import { saveNote } from '../../../src/main/db/notes'
import { setRead, setStarred } from '../../../src/main/db/papers'
import { tagPapers } from '../../../src/main/db/tags'
import { writeDigest } from '../../../src/main/import/importer'
import type { ParsedPaper } from '../../../src/main/import/types'
import { USER_TABLES, type Dump } from './db'

const paper = (title: string, extra: Partial<ParsedPaper> = {}): ParsedPaper => ({
  title,
  authors: ['Ada Lovelace', 'Alan Turing'],
  abstract: `An abstract about ${title.toLowerCase()}, long enough to be searched for.`,
  url: null,
  arxivId: null,
  doi: null,
  links: [{ url: 'https://example.org/' + encodeURIComponent(title), kind: 'project' }],
  ...extra
})

/** Where the seeded rows end: rows past these ids were written by whatever the test did afterwards. */
export interface Seed {
  paperIds: number[]
  maxPaperId: number
  maxDigestId: number
  maxTagId: number
}

export function seedLibrary(db: Db): Seed {
  writeDigest(
    db,
    [
      paper('Plain ASCII Title'),
      paper('Attention Is All You Need', { arxivId: '1706.03762', url: 'https://arxiv.org/abs/1706.03762' }),
      paper('A Paper With a Note'),
      paper('Tagged and Starred')
    ],
    { name: 'seed-1.txt', source: null, format: 'hf-text', warnings: [] }
  )
  writeDigest(db, [paper('Second Digest Paper'), paper('Attention Is All You Need')], {
    name: 'seed-2.bib',
    source: '/home/user/seed-2.bib',
    format: 'bibtex',
    warnings: ['One warning.']
  })
  const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[]
  const [a, b, c, d] = ids as [number, number, number, number]
  saveNote(db, c, 'My **note** with a [link](https://example.org) and <b>html</b>.\n\n- one\n- two')
  saveNote(db, a, 'Second note: compare with Attention.')
  tagPapers(db, [c, d], ['ml/vision', 'to read'])
  tagPapers(db, [b], ['classics'])
  setRead(db, [a, b], true)
  setStarred(db, [d], true)
  return {
    paperIds: ids,
    maxPaperId: Math.max(...ids),
    maxDigestId: db.prepare('SELECT max(id) FROM digests').pluck().get() as number,
    maxTagId: db.prepare('SELECT max(id) FROM tags').pluck().get() as number
  }
}

/** Creates a seeded library file and closes it, so that copies of the file are complete. */
export function seedLibraryFile(path: string): Seed {
  const db = openDatabase(path)
  try {
    return seedLibrary(db)
  } finally {
    db.close()
  }
}

const SEEDED: Record<(typeof USER_TABLES)[number], (s: Seed) => string> = {
  digests: (s) => `id <= ${s.maxDigestId}`,
  papers: (s) => `id <= ${s.maxPaperId}`,
  digest_papers: (s) => `digest_id <= ${s.maxDigestId}`,
  notes: (s) => `paper_id <= ${s.maxPaperId}`,
  tags: (s) => `id <= ${s.maxTagId}`,
  paper_tags: (s) => `paper_id <= ${s.maxPaperId} AND tag_id <= ${s.maxTagId}`
}

/** The seeded rows as they are now: equal before and after anything that must not touch earlier data. */
export function seededRows(db: Database.Database, seed: Seed): Dump {
  const out: Dump = {}
  for (const table of USER_TABLES) {
    out[table] = db
      .prepare(`SELECT * FROM ${table} WHERE ${SEEDED[table](seed)}`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort()
  }
  return out
}

export type RowCounts = Record<(typeof USER_TABLES)[number], number>

/** Row counts of the user's tables. */
export function rowCounts(db: Database.Database): RowCounts {
  return Object.fromEntries(
    USER_TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number])
  ) as RowCounts
}
