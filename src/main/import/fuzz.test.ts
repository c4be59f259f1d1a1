// Property tests: whatever the bytes, parseDigest returns papers with titles or throws an ImportError
// that is not a wrapped bug (no `cause`), and never hangs.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDigest } from './parse'
import { FORMATS, ImportError, type FormatName } from './types'

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url), 'utf8')

const FIXTURES = [
  'hf-daily-papers.html',
  'hf-daily-email.eml',
  'arxiv-listing.txt',
  'arxiv-rss.xml',
  'arxiv-api.atom',
  'papers.bib',
  'papers.ris',
  'papershelf-export.csv',
  'papershelf-export.json'
].map(fixture)
// The real sample, cut to its first papers so that each run stays fast.
FIXTURES.push(fixture('hf-daily-papers-sample.txt').split('\n').slice(0, 40).join('\n'))

function check(bytes: Uint8Array, format?: FormatName): void {
  try {
    const outcome = parseDigest(bytes, format ? { format } : {})
    expect(outcome.papers.length).toBeGreaterThan(0)
    for (const paper of outcome.papers) {
      expect(paper.title.trim()).not.toBe('')
      expect(paper.title).toBe(paper.title.trim())
      for (const link of paper.links) expect(link.url).toMatch(/^https?:\/\//)
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    // A cause means a parser crashed and parseDigest only wrapped it.
    expect(error.cause).toBeUndefined()
    expect(error.message).toMatch(/^[A-Z"].*\.$/)
  }
}

const JUNK = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '{',
    '}',
    '\\',
    '\\"',
    '$',
    '$$',
    '@',
    '@article{',
    '<',
    '<a href="',
    '<![CDATA[',
    '-->',
    '&',
    '&#x110000;',
    '--',
    '``',
    "''",
    '"',
    ',',
    '\\\\',
    'TY  - ',
    'ER  - ',
    'arXiv:2406.12345',
    'Title:',
    '\u0000',
    '\ud800',
    '\ufeff',
    '  ',
    ''
  )
)

type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number }
  | { kind: 'swap'; at: number; to: number }
  | { kind: 'insert' | 'splice'; at: number; junk: string }
  | { kind: 'truncate'; at: number }

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constantFrom('insert' as const, 'splice' as const), at: fc.nat(), junk: JUNK }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() })
)

function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n')
  for (const m of mutations) {
    const n = Math.max(lines.length, 1)
    const i = m.at % n
    if (m.kind === 'delete') lines.splice(i, 1)
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '')
    else if (m.kind === 'swap') {
      const j = m.to % n
      const a = lines[i] ?? ''
      lines[i] = lines[j] ?? ''
      lines[j] = a
    } else if (m.kind === 'insert') lines.splice(i, 0, m.junk)
    else if (m.kind === 'splice') {
      const flat = lines.join('\n')
      const at = m.at % (flat.length + 1)
      lines = (flat.slice(0, at) + m.junk + flat.slice(at)).split('\n')
    } else {
      const flat = lines.join('\n')
      lines = flat.slice(0, m.at % (flat.length + 1)).split('\n')
    }
  }
  return lines.join('\n')
}

const encode = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('parseDigest never fails except with an ImportError', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.option(fc.constantFrom(...FORMATS), { nil: undefined }),
        (bytes, format) => check(bytes, format)
      ),
      { numRuns: 200 }
    )
  })

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 1000 }),
        fc.option(fc.constantFrom(...FORMATS), { nil: undefined }),
        (text, format) => check(encode(text), format)
      ),
      { numRuns: 200 }
    )
  })

  it('on mutated digests of every format (lines deleted, duplicated, swapped, junk inserted, cut short)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(MUTATION, { minLength: 1, maxLength: 6 }),
        fc.option(fc.constantFrom(...FORMATS), { nil: undefined, freq: 4 }),
        (text, mutations, format) => check(encode(mutate(text, mutations)), format)
      ),
      { numRuns: 200 }
    )
  })
})

describe('pathological inputs stay linear', () => {
  const SIZE = 200_000
  const inputs: Record<string, string> = {
    'one long line': 'word '.repeat(SIZE / 5),
    'open braces': '{'.repeat(SIZE),
    backslashes: '\\'.repeat(SIZE),
    dollars: '$a'.repeat(SIZE / 2),
    ats: '@a{'.repeat(SIZE / 3),
    tags: '<a b="'.repeat(SIZE / 6),
    'quotes in CSV': 'title\n' + '"'.repeat(SIZE),
    ampersands: '&a'.repeat(SIZE / 2),
    dashes: 'a--'.repeat(SIZE / 3),
    slashes: 'a/b.co/'.repeat(SIZE / 7),
    tildes: 'a~'.repeat(SIZE / 2),
    'commas without newlines': 'title,' + ','.repeat(SIZE),
    'newlines only in one column': 'title\n' + 'x\n'.repeat(SIZE / 2),
    'entry lines': 'arXiv:2406.12345\nTitle: x\n'.repeat(SIZE / 26),
    'RIS tags': 'TY  - JOUR\nAB  - x\n'.repeat(SIZE / 20),
    'deep nesting': '<a>'.repeat(SIZE / 3),
    'deep JSON': '['.repeat(SIZE),
    'deep valid JSON': '['.repeat(SIZE / 2) + ']'.repeat(SIZE / 2),
    'a title as long as the file': 'TY  - JOUR\nTI  - ' + 'long '.repeat(SIZE / 5) + '\nER  - \n'
  }

  it.each(Object.entries(inputs))('%s', (_, text) => {
    const bytes = encode(text)
    const start = performance.now()
    for (const format of [undefined, ...FORMATS]) check(bytes, format)
    expect(performance.now() - start).toBeLessThan(20_000)
  })
})
