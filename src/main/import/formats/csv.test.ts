import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { CSV_COLUMNS, csvRow, type ExportedPaper } from '../export-shape'
import { parseDigest } from '../parse'
import { csvRows, parse } from './csv'

const BYTES = readFileSync(
  new URL('../../../../tests/fixtures/import/papershelf-export.csv', import.meta.url)
)

describe('csv: RFC 4180', () => {
  it('reads quoted fields with doubled quotes, commas and line breaks, and counts lines', () => {
    expect(csvRows('a,"b ""q"", c","x\ny"\n1,,3\n"unterminated,\n')).toEqual([
      { line: 1, cells: ['a', 'b "q", c', 'x\ny'] },
      { line: 3, cells: ['1', '', '3'] },
      { line: 4, cells: ['unterminated,\n'] }
    ])
  })
})

describe("csv: Papershelf's export", () => {
  const outcome = parseDigest(BYTES)

  it('is detected from its header', () => {
    expect(outcome.format).toBe('csv')
    expect(detectFormat(BYTES.toString('utf8'))).toBe('csv')
  })

  it('re-imports papers with their state, notes verbatim', () => {
    expect(outcome.papers[0]).toEqual({
      title: 'CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes',
      authors: ['Jason Yang', 'Ariane Mora', 'Frances H. Arnold'],
      abstract:
        'Enzymes are important proteins that catalyze chemical reactions. CARE is available at https://github.com/jsunn-y/CARE.',
      url: 'https://huggingface.co/papers/2406.15669',
      arxivId: '2406.15669',
      doi: null,
      links: [
        { url: 'https://huggingface.co/papers/2406.15669', kind: 'paper' },
        { url: 'https://github.com/jsunn-y/CARE', kind: 'code' }
      ],
      state: {
        read: true,
        starred: true,
        readAt: '2024-06-18T10:00:00.000Z',
        starredAt: '2024-06-18T10:05:00.000Z',
        note: 'Compare with CLIPZyme.\n\n- EC numbers\n- "retrieval" task',
        noteUpdatedAt: '2024-06-18T10:06:00.000Z',
        tags: ['enzymes', 'benchmarks'],
        addedAt: '2024-06-17T07:00:00.000Z',
        digests: ['HF 2024-06-17', 'My reading list']
      }
    })
  })

  it('removes exactly one neutralising quote before formula characters, and only there', () => {
    const [, injected, unicode] = outcome.papers
    expect(injected?.title).toBe('=SUM(A1:A9) Considered Harmful: Spreadsheet Injection, Revisited')
    expect(injected?.authors).toEqual(['@dmin, Eve'])
    expect(injected?.abstract).toBe('-1 is a number; +1 too')
    expect(injected?.state?.note).toBe('+ remember the leading plus')
    expect(unicode?.state?.note).toBe("'just a quote")
    expect(unicode?.title).toBe('Héloïse and the Ünicode Ümlauts')
  })

  it('skips the row without a title and names it', () => {
    expect(outcome.papers).toHaveLength(3)
    expect(outcome.warnings).toEqual(['Row 4 (line 7) has no title and was skipped.'])
  })
})

describe('csv: round trip through the export shape', () => {
  it('csvRow → parse gives back every field', () => {
    const paper: ExportedPaper = {
      id: 1,
      title: "'=cmd|' /C calc'!A0 and \"quotes\", commas",
      authors: ['Zoë Ünal', '-Dash Person'],
      abstract: 'Line one.\nLine two, with "quotes".',
      url: 'https://arxiv.org/abs/2406.12345v1',
      arxivId: '2406.12345',
      doi: '10.1000/x',
      links: [
        { url: 'https://arxiv.org/abs/2406.12345v1', kind: 'paper' },
        { url: 'https://github.com/a/b', kind: 'code' }
      ],
      read: true,
      starred: false,
      readAt: '2024-01-01T00:00:00.000Z',
      starredAt: null,
      tags: ['+plus', 'x'],
      note: "@mention\n'= not a formula",
      noteUpdatedAt: '2024-01-02T00:00:00.000Z',
      addedAt: '2023-12-31T00:00:00.000Z',
      digests: ['One', 'Two']
    }
    const text = [CSV_COLUMNS.join(','), csvRow(paper)].join('\r\n')
    const [parsed] = parse(text.replace(/\r\n/g, '\n')).papers
    expect(parsed).toEqual({
      title: paper.title,
      authors: paper.authors,
      abstract: 'Line one. Line two, with "quotes".',
      url: paper.url,
      arxivId: paper.arxivId,
      doi: paper.doi,
      links: paper.links,
      state: {
        read: true,
        starred: false,
        readAt: paper.readAt,
        starredAt: null,
        note: paper.note,
        noteUpdatedAt: paper.noteUpdatedAt,
        tags: paper.tags,
        addedAt: paper.addedAt,
        digests: paper.digests
      }
    })
  })
})

describe('csv: other spreadsheets', () => {
  it('reads any CSV with a title column, in any order, without state', () => {
    const { papers } = parse(
      'Authors,Title,DOI\n"Smith, J.; Doe, A.",Caf&eacute; \\& Bar,https://doi.org/10.1000/ABC\n'
    )
    expect(papers).toEqual([
      {
        title: 'Café & Bar',
        authors: ['Smith, J.', 'Doe, A.'],
        abstract: '',
        url: null,
        arxivId: null,
        doi: '10.1000/abc',
        links: []
      }
    ])
  })

  it('finds nothing without a title column', () => {
    expect(parse('a,b\n1,2\n').papers).toEqual([])
  })
})
