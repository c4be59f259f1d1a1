import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from './detect'
import { parseDigest } from './parse'
import { FORMATS, ImportError, type FormatName } from './types'

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url))
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

function refusal(bytes: Uint8Array, opts?: Parameters<typeof parseDigest>[1]): string {
  try {
    parseDigest(bytes, opts)
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError)
    return (error as ImportError).message
  }
  throw new Error('expected an ImportError')
}

describe('parseDigest: detection', () => {
  it.each<[string, FormatName]>([
    ['hf-daily-papers-sample.txt', 'hf-text'],
    ['hf-daily-papers.html', 'hf-html'],
    ['hf-daily-email.eml', 'hf-html'],
    ['arxiv-listing.txt', 'arxiv-email'],
    ['arxiv-rss.xml', 'rss'],
    ['arxiv-api.atom', 'atom'],
    ['papers.bib', 'bibtex'],
    ['papers.ris', 'ris'],
    ['papershelf-export.csv', 'csv'],
    ['papershelf-export.json', 'json']
  ])('%s is %s and yields papers with titles', (name, format) => {
    const outcome = parseDigest(fixture(name))
    expect(outcome.format).toBe(format)
    expect(outcome.papers.length).toBeGreaterThan(0)
    for (const paper of outcome.papers) expect(paper.title.trim()).not.toBe('')
  })

  it('detects nothing in prose', () => {
    expect(detectFormat('Just a note to self.\nBuy milk.')).toBeNull()
  })
})

describe('parseDigest: refusals, one sentence each', () => {
  it('refuses empty and blank files', () => {
    expect(refusal(new Uint8Array(0))).toBe('This file is empty.')
    expect(refusal(utf8(' \n\t\r\n  \n'))).toBe('This file contains only blank lines and spaces.')
    expect(refusal(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a]))).toBe(
      'This file contains only blank lines and spaces.'
    )
  })

  it('refuses binary files and says what they are', () => {
    expect(refusal(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('This file is a PDF document, not a digest.')
    expect(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(
      'This file is a PNG image, not a digest.'
    )
    expect(refusal(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]))).toBe(
      'This file is a gzip-compressed file, not a digest.'
    )
    expect(refusal(new Uint8Array(4096).map((_, i) => (i * 7919) % 256))).toBe(
      'This file contains binary data, not text.'
    )
  })

  it('refuses files over the size limit, naming both sizes', () => {
    expect(refusal(new Uint8Array(250 * 1024 * 1024))).toBe(
      'This file is 250 MB; digests larger than 200 MB are not imported.'
    )
    expect(refusal(new Uint8Array(250 * 1024), { maxBytes: 200 * 1024 })).toBe(
      'This file is 250 KB; digests larger than 200 KB are not imported.'
    )
    expect(refusal(new Uint8Array(2 * 1024 * 1024 + 1), { maxBytes: 2 * 1024 * 1024 })).toBe(
      'This file is 2.1 MB; digests larger than 2 MB are not imported.'
    )
  })

  it('refuses text in which no paper can be recognised', () => {
    expect(refusal(utf8('Just a note to self.\nBuy milk.'))).toBe('No papers were recognised in this file.')
    expect(refusal(utf8('<html><body><p>No papers here.</p></body></html>'))).toBe(
      'No papers were recognised in this file.'
    )
    expect(refusal(utf8('id,title\n'))).toBe('No papers were recognised in this file.')
  })

  it('says so when a forced format does not fit', () => {
    expect(refusal(fixture('papers.bib'), { format: 'ris' })).toBe(
      'This file does not look like RIS; it looks like BibTeX.'
    )
    expect(refusal(utf8('Just a note to self.'), { format: 'bibtex' })).toBe(
      'This file does not look like BibTeX.'
    )
    expect(refusal(utf8('x'), { format: 'pdf' as FormatName })).toBe(
      '"pdf" is not a format Papershelf can import.'
    )
  })
})

describe('parseDigest: outcome', () => {
  it('honours a forced format that fits', () => {
    const outcome = parseDigest(fixture('papers.ris'), { format: 'ris' })
    expect(outcome.format).toBe('ris')
    expect(outcome.papers).toHaveLength(3)
  })

  it('passes on the decoding warning', () => {
    const bytes = new Uint8Array([...utf8('TY  - JOUR\nTI  - Caf'), 0xe9, ...utf8(' au lait\nER  - \n')])
    const outcome = parseDigest(bytes)
    expect(outcome.papers[0]?.title).toBe('Café au lait')
    expect(outcome.warnings).toEqual([
      'The file is not valid UTF-8, so it was read as Windows-1252; check accented letters.'
    ])
  })

  it('cuts an abstract over 100,000 characters and a note over the app’s limit, naming the paper', () => {
    const file = [
      { title: 'Whole thesis pasted in', abstract: 'word '.repeat(30_000), note: 'n'.repeat(1_000_010) },
      { title: 'Normal', abstract: 'Short.', note: 'Fine.' }
    ]
    const outcome = parseDigest(utf8(JSON.stringify({ papershelf: 1, papers: file })))
    const [big, normal] = outcome.papers
    expect(big?.abstract).toHaveLength(100_000)
    expect(big?.abstract.endsWith('…')).toBe(true)
    expect(big?.state?.note).toHaveLength(1_000_000)
    expect(normal).toMatchObject({ abstract: 'Short.', state: { note: 'Fine.' } })
    expect(outcome.warnings).toEqual([
      'Paper 1 (“Whole thesis pasted in”) has an abstract over 100,000 characters; it was cut there.',
      'Paper 1 (“Whole thesis pasted in”) has a note over 1,000,000 characters; it was cut there.'
    ])
  })

  it('caps the number of warnings', () => {
    const lines = ['TY  - JOUR', 'TI  - Kept', 'ER  - ']
    for (let i = 0; i < 120; i++) lines.push('TY  - JOUR', `AB  - Untitled ${i}`, 'ER  - ')
    const outcome = parseDigest(utf8(lines.join('\n')))
    expect(outcome.warnings).toHaveLength(50)
    expect(outcome.warnings[49]).toBe('There were 71 more warnings like these.')
  })

  it('knows every format', () => {
    for (const format of FORMATS)
      expect(() => parseDigest(utf8('nothing here'), { format })).toThrow(ImportError)
  })
})
