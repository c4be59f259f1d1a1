import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { arxivYear, citationKeys, latexEscape, toBibtex } from './bibtex'
import { makePaper } from './paper.fixture'
import { parseDigest } from '../import/parse'
import type { Paper } from '../../shared/types'

const encode = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('toBibtex', () => {
  it('writes an arXiv paper as a @misc entry with eprint, url, abstract, keywords and the note', () => {
    expect(toBibtex([makePaper()])).toBe(
      [
        '@misc{vaswani2017attention,',
        '  title = {Attention Is All You Need},',
        '  author = {Ashish Vaswani and Noam Shazeer},',
        '  year = {2017},',
        '  eprint = {1706.03762},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/1706.03762},',
        '  abstract = {The dominant sequence transduction models are based on recurrent networks.},',
        '  keywords = {llm, transformers},',
        '  annote = {Key idea: **self-attention** replaces recurrence.}',
        '}',
        ''
      ].join('\n')
    )
  })

  it('writes a DOI, leaves out what a paper lacks, and separates entries with a blank line', () => {
    const papers = [
      makePaper({ id: 1, note: '' }),
      makePaper({
        id: 2,
        title: 'Deep Graph Kernels',
        authors: ['Pinar Yanardag', 'S. V. N. Vishwanathan'],
        abstract: '',
        url: null,
        arxivId: null,
        doi: '10.1145/2783258.2783417',
        tags: [],
        note: '',
        addedAt: '2025-03-01T00:00:00.000Z'
      })
    ]
    const out = toBibtex(papers, { includeNotes: false })
    expect(out.split('\n@')[1]).toBe(
      [
        'misc{yanardag2025deep,',
        '  title = {Deep Graph Kernels},',
        '  author = {Pinar Yanardag and S. V. N. Vishwanathan},',
        '  doi = {10.1145/2783258.2783417}',
        '}',
        ''
      ].join('\n')
    )
    expect(out).toContain('}\n\n@misc{yanardag')
    expect(out).not.toContain('annote')
    expect(toBibtex([])).toBe('')
  })

  it('escapes LaTeX specials, keeps non-ASCII as UTF-8, and protects the case of acronyms', () => {
    const out = toBibtex([
      makePaper({
        title: 'R&D at 100%: $5 for #1 C_n ~x^2 \\alpha {BERT} ImageNet Über',
        authors: ['Łukasz Kaiser', 'Barnes and Noble', 'Smith, Jr'],
        abstract: 'line one\nline two\n@misc{injected,\n  title = {x}}',
        tags: ['ml/vision', 'c++ & co'],
        note: ''
      })
    ])
    expect(out).toContain(
      '  title = {{R\\&D} at 100\\%: \\$5 for \\#1 C\\_n \\textasciitilde{}x\\textasciicircum{}2 ' +
        '\\textbackslash{}alpha \\{BERT\\} {ImageNet} Über},'
    )
    expect(out).toContain('  author = {Łukasz Kaiser and {Barnes and Noble} and {Smith, Jr}},')
    // One line per field: an "@" can never start a line, so no text can open an entry of its own.
    expect(out).toContain('  abstract = {line one line two @misc\\{injected, title = \\{x\\}\\}},')
    expect(out).toContain('  keywords = {ml/vision, c++ \\& co}')
    expect(out.match(/^@/gm)).toHaveLength(1)
  })

  it('percent-encodes only what would break a verbatim url or doi field', () => {
    const out = toBibtex([makePaper({ url: 'https://example.org/a_b%20c#frag{x}\\y', doi: '10.1000/a_b' })])
    expect(out).toContain('  url = {https://example.org/a_b%20c#frag%7Bx%7D%5Cy},')
    expect(out).toContain('  doi = {10.1000/a_b},')
  })
})

describe('latexEscape', () => {
  it('keeps paired braces as \\{ \\} and writes unpaired ones as commands', () => {
    expect(latexEscape('{a} } {')).toBe('\\{a\\} \\textbraceright{} \\textbraceleft{}')
    expect(latexEscape('{{a}')).toBe('\\textbraceleft{}\\{a\\}')
  })
})

describe('citation keys', () => {
  it('are last name + year + first significant title word, in lower-case ASCII', () => {
    const keys = citationKeys([
      makePaper({ id: 1, authors: ['Łukasz Kaiser'], title: 'On the Origin of Models' }),
      makePaper({
        id: 2,
        authors: ['José Müller Jr.'],
        arxivId: 'hep-th/9901001',
        title: 'The Ünity of Strings'
      }),
      makePaper({
        id: 3,
        authors: [],
        arxivId: null,
        title: 'À propos',
        addedAt: '2024-05-05T00:00:00.000Z'
      }),
      makePaper({ id: 4, authors: ['李小龍'], arxivId: '2406.12345', title: '„Ça marche"' })
    ])
    expect(keys).toEqual(['kaiser2017origin', 'muller1999unity', 'anon2024propos', 'anon2024ca'])
  })

  it('tell namesakes apart with a, b, c in order of paper id, whatever the export order', () => {
    const a = makePaper({ id: 10 })
    const b = makePaper({ id: 11 })
    const c = makePaper({ id: 12 })
    expect(citationKeys([a, b, c])).toEqual([
      'vaswani2017attention',
      'vaswani2017attentiona',
      'vaswani2017attentionb'
    ])
    expect(citationKeys([c, a, b])).toEqual([
      'vaswani2017attentionb',
      'vaswani2017attention',
      'vaswani2017attentiona'
    ])
    // A suffixed key never collides with a paper whose own key ends in that letter.
    const d = makePaper({ id: 13, title: 'Attentiona' })
    expect(new Set(citationKeys([a, b, d])).size).toBe(3)
  })

  it('read the year from old and new arXiv ids', () => {
    expect(arxivYear('2406.12345')).toBe('2024')
    expect(arxivYear('0704.0001')).toBe('2007')
    expect(arxivYear('hep-th/9901001')).toBe('1999')
    expect(arxivYear('math.AG/0309136')).toBe('2003')
    expect(arxivYear(null)).toBeNull()
  })
})

// BibTeX counts every { and }, escaped or not: each entry must close exactly at its last character.
function entriesBalance(bib: string): boolean {
  const entries = bib.split(/\n(?=@)/)
  return entries.every((entry) => {
    const body = entry.trimEnd()
    let depth = 0
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '{') depth++
      else if (body[i] === '}') depth--
      if (depth < 0 || (depth === 0 && i > body.indexOf('{') && i < body.length - 1)) return false
    }
    return depth === 0
  })
}

describe('BibTeX under hostile input', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({
      unit: fc.constantFrom(
        '{',
        '}',
        '\\',
        '%',
        '&',
        '$',
        '#',
        '_',
        '~',
        '^',
        '@',
        ',',
        '"',
        ' ',
        '\n',
        'a',
        'Z',
        'é'
      )
    })
  )
  const fields = {
    id: fc.integer({ min: 1, max: 1000 }),
    title: hostile.map((s) => `T${s}`),
    authors: fc.array(hostile, { maxLength: 4 }),
    abstract: hostile,
    url: fc.option(hostile),
    doi: fc.option(hostile),
    tags: fc.array(hostile, { maxLength: 3 }),
    note: hostile
  }
  const paper = fc.record(fields)
  // Real URLs only here: the library only ever stores cleaned ones, and the importer is not under test.
  const importable = fc.record({ ...fields, url: fc.option(fc.webUrl()) })

  it('always balances its braces, entry by entry', () => {
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 5 }), (records) => {
        const papers: Paper[] = records.map((r) => makePaper(r))
        const bib = toBibtex(papers)
        return entriesBalance(bib) && (bib.match(/^@/gm) ?? []).length === papers.length
      }),
      { numRuns: 500 }
    )
  })

  it('reads back as the same number of entries with the importer', () => {
    fc.assert(
      fc.property(fc.array(importable, { minLength: 1, maxLength: 5 }), (records) => {
        const papers: Paper[] = records.map((r) => makePaper(r))
        const parsed = parseDigest(encode(toBibtex(papers)), { format: 'bibtex' })
        return parsed.papers.length === papers.length
      }),
      { numRuns: 200 }
    )
  })
})
