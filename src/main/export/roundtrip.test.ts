// Exports read back with the project's own importers: Papershelf's JSON and CSV must carry a library
// into another without loss; BibTeX and RIS must at least bring every paper back under its own title.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../db/connection'
import { getPaper } from '../db/papers'
import { importDigest } from '../import/importer'
import { parseDigest } from '../import/parse'
import type { ParsedPaper } from '../import/types'
import type { Paper } from '../../shared/types'
import { exportPapers, type ExportFormat } from './index'
import { addDigest, paper, tmpDb } from '../../../tests/helpers/tmp'

const encode = (s: string): Uint8Array => new TextEncoder().encode(s)

const SOURCE: ParsedPaper[] = [
  paper('R&D at 100%: $5 for #1 C_n ~x^2 \\alpha {BERT} Über', {
    authors: ['Ashish Vaswani', 'Łukasz Kaiser'],
    abstract: 'We use 100% of {braces}, "quotes", commas & $x^2$ math.',
    url: 'https://arxiv.org/abs/1706.03762',
    arxivId: '1706.03762',
    links: [{ url: 'https://github.com/tensorflow/tensor2tensor', kind: 'code' }],
    state: {
      read: true,
      readAt: '2026-11-01T10:00:00.000Z',
      tags: ['llm', 'ml/vision'],
      note: '- first point\n- second, with "quotes"\n\n```\ncode = 1\n```',
      noteUpdatedAt: '2026-11-02T10:00:00.000Z',
      addedAt: '2026-10-30T09:00:00.000Z'
    }
  }),
  paper('=HYPERLINK("http://x","y")', {
    authors: ['@attacker', 'José Müller'],
    abstract: '+1 to this, -2 to that',
    doi: '10.1145/3292500.3330701',
    state: {
      starred: true,
      starredAt: '2026-11-03T10:00:00.000Z',
      note: '-starts with a dash',
      noteUpdatedAt: '2026-11-03T11:00:00.000Z',
      addedAt: '2026-10-30T09:00:00.000Z'
    }
  }),
  paper('A paper with nothing else', {
    url: 'https://example.org/paper',
    state: { tags: ['Ünïcode tag'], addedAt: '2026-10-31T09:00:00.000Z' }
  })
]

let db: Db
let other: Db
let cleanup: () => void
let cleanupOther: () => void
let papers: Paper[]

beforeEach(() => {
  ;({ db, cleanup } = tmpDb())
  ;({ db: other, cleanup: cleanupOther } = tmpDb())
  addDigest(db, 'monday.txt', SOURCE)
  const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[]
  papers = ids.map((id) => getPaper(db, id) as Paper)
})
afterEach(() => {
  cleanup()
  cleanupOther()
})

/** What survives a move to another library: everything but the id and the digest it came in with. */
function portable(p: Paper): Omit<Paper, 'id' | 'digests'> {
  const { id: _id, digests: _digests, ...rest } = p
  return rest
}

describe.each<ExportFormat>(['json', 'csv'])('%s export', (format) => {
  it('parses back to the same papers, ids, reading state, tags and notes', () => {
    const outcome = parseDigest(encode(exportPapers(papers, format)))
    expect(outcome.format).toBe(format)
    expect(outcome.warnings).toEqual([])
    expect(outcome.papers).toHaveLength(papers.length)
    outcome.papers.forEach((parsed, i) => {
      const p = papers[i] as Paper
      expect(parsed).toMatchObject({
        title: p.title,
        authors: p.authors,
        abstract: p.abstract,
        url: p.url,
        arxivId: p.arxivId,
        doi: p.doi,
        links: p.links
      })
      expect(parsed.state).toMatchObject({
        read: p.read,
        starred: p.starred,
        readAt: p.readAt,
        starredAt: p.starredAt,
        tags: p.tags,
        note: p.note,
        noteUpdatedAt: p.noteUpdatedAt,
        addedAt: p.addedAt
      })
    })
  })

  it('moves a library into another one without loss', () => {
    importDigest(other, encode(exportPapers(papers, format)), { name: `export.${format}` })
    const ids = other.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[]
    const copied = ids.map((id) => portable(getPaper(other, id) as Paper))
    expect(copied).toEqual(papers.map(portable))
  })
})

describe('BibTeX export', () => {
  it('parses back to the same titles, authors and ids', () => {
    const outcome = parseDigest(encode(exportPapers(papers, 'bibtex')), { format: 'bibtex' })
    expect(outcome.papers.map((p) => p.title)).toEqual(papers.map((p) => p.title))
    expect(outcome.papers.map((p) => p.authors)).toEqual(papers.map((p) => p.authors))
    expect(outcome.papers.map((p) => [p.arxivId, p.doi])).toEqual(papers.map((p) => [p.arxivId, p.doi]))
  })

  it('keeps unpaired braces in a title', () => {
    const odd = papers.slice(0, 1).map((p) => ({ ...p, title: 'Sets {a, b and } c{' }))
    const outcome = parseDigest(encode(exportPapers(odd, 'bibtex')), { format: 'bibtex' })
    expect(outcome.papers.map((p) => p.title)).toEqual(['Sets {a, b and } c{'])
  })
})

describe('RIS export', () => {
  it('parses back to the same titles, authors and ids', () => {
    const outcome = parseDigest(encode(exportPapers(papers, 'ris')))
    expect(outcome.format).toBe('ris')
    // RIS has no escapes: a backslash command reads as LaTeX, as it should in RIS from anywhere else.
    const titles = papers.map((p) => p.title.replace('\\alpha', 'α'))
    expect(outcome.papers.map((p) => p.title)).toEqual(titles)
    expect(outcome.papers.map((p) => p.authors)).toEqual(papers.map((p) => p.authors))
    expect(outcome.papers.map((p) => [p.arxivId, p.doi])).toEqual(papers.map((p) => [p.arxivId, p.doi]))
  })
})
