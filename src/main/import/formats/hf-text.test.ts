import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { normaliseText } from '../normalise'
import { parseDigest } from '../parse'
import { parse } from './hf-text'

const SAMPLE = readFileSync(
  new URL('../../../../tests/fixtures/import/hf-daily-papers-sample.txt', import.meta.url),
  'utf8'
)
const LINES = SAMPLE.split('\n')
const COUNT = 208
const titleLine = (k: number): string => LINES[2 + 2 * k] ?? ''
const abstractLine = (k: number): string => LINES[3 + 2 * k] ?? ''
const expectedTitle = (k: number): string =>
  normaliseText(k === 0 ? titleLine(0).replace(/^Subscribe/, '') : titleLine(k))
const expectedAbstract = (k: number): string => normaliseText(abstractLine(k))

function without(...indices: number[]): string {
  return LINES.filter((_, i) => !indices.includes(i)).join('\n')
}

describe('hf-text: the real Daily Papers sample', () => {
  const { papers, warnings } = parse(SAMPLE)

  it('finds all 208 papers, the first one exactly, without banners', () => {
    expect(papers).toHaveLength(COUNT)
    expect(warnings).toEqual([])
    expect(papers[0]?.title).toBe('CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes')
    for (const paper of papers) {
      expect(paper.title).not.toMatch(/Subscribe|trending papers|email inbox/i)
      expect(paper.title.length).toBeGreaterThan(0)
    }
  })

  it('pairs every title with its own full abstract line', () => {
    for (let k = 0; k < COUNT; k++) {
      expect(papers[k]?.title).toBe(expectedTitle(k))
      expect(papers[k]?.abstract).toBe(expectedAbstract(k))
    }
  })

  it('keeps short titles and titles that end in a question mark', () => {
    const titles = papers.map((p) => p.title)
    expect(titles).toContain('Deep Model Assembling')
    expect(titles).toContain('Conformal Risk Control')
    expect(titles).toContain('How much do LLMs learn from negative examples?')
  })

  it('folds LaTeX in abstracts and finds the links, trailing period trimmed', () => {
    expect(papers[0]?.links).toEqual([{ url: 'https://github.com/jsunn-y/CARE', kind: 'code' }])
    const joined = papers.map((p) => p.abstract).join('\n')
    expect(joined).toContain('Yorùbá')
    expect(joined).toContain('11% improvement')
    expect(joined).toContain('Test_Meeting')
    expect(joined).toContain('naïve ensembling')
    expect(joined).not.toMatch(/\\%|\\ie\b|\\_/)
  })

  it('is detected as hf-text, also through parseDigest with CRLF line ends', () => {
    expect(detectFormat(SAMPLE)).toBe('hf-text')
    const outcome = parseDigest(new TextEncoder().encode(SAMPLE.replace(/\n/g, '\r\n')))
    expect(outcome.format).toBe('hf-text')
    expect(outcome.papers.map((p) => p.abstract)).toEqual(papers.map((p) => p.abstract))
  })
})

describe('hf-text: damaged copies', () => {
  it('gives every other paper its own abstract when one abstract line is missing in the middle', () => {
    const missing = 100
    const { papers, warnings } = parse(without(3 + 2 * missing))
    expect(papers).toHaveLength(COUNT)
    for (let k = 0; k < COUNT; k++) {
      expect(papers[k]?.title).toBe(expectedTitle(k))
      expect(papers[k]?.abstract).toBe(k === missing ? '' : expectedAbstract(k))
    }
    expect(warnings).toEqual([
      `"${expectedTitle(missing)}" (line 203) has no abstract; it was imported without one.`
    ])
  })

  it('copes with several missing abstracts, one of them the last', () => {
    const gone = [5, 6, 150, COUNT - 1]
    const { papers, warnings } = parse(without(...gone.map((k) => 3 + 2 * k)))
    expect(papers).toHaveLength(COUNT)
    for (let k = 0; k < COUNT; k++)
      expect(papers[k]?.abstract).toBe(gone.includes(k) ? '' : expectedAbstract(k))
    expect(warnings).toHaveLength(gone.length)
  })

  it('skips an abstract whose title is missing, with a warning, and keeps the rest aligned', () => {
    const { papers, warnings } = parse(without(2 + 2 * 50))
    expect(papers).toHaveLength(COUNT - 1)
    expect(papers[49]?.abstract).toBe(expectedAbstract(49))
    expect(papers[50]?.title).toBe(expectedTitle(51))
    expect(papers[50]?.abstract).toBe(expectedAbstract(51))
    expect(warnings).toEqual(['Line 103 looks like an abstract without a title and was skipped.'])
  })

  it('ignores blank and whitespace-only lines between entries', () => {
    const spaced = LINES.map((line, i) => (i >= 2 && i % 2 === 0 ? `\n \t\n${line}` : line)).join('\n')
    const { papers } = parse(spaced)
    expect(papers.map((p) => p.abstract)).toEqual(parse(SAMPLE).papers.map((p) => p.abstract))
  })

  it('reads a short copy without banners', () => {
    const text = [
      'Tiny Models Can Reason',
      'We show that a model with 10M parameters solves grade-school arithmetic. It does so with a curriculum. Code: github.com/example/tiny.',
      '',
      'Is Attention Needed?',
      'We revisit attention-free architectures. Our results suggest that attention is not always needed for strong results on long documents.'
    ].join('\n')
    const { papers, warnings } = parse(text)
    expect(warnings).toEqual([])
    expect(papers.map((p) => p.title)).toEqual(['Tiny Models Can Reason', 'Is Attention Needed?'])
    expect(papers[0]?.links).toEqual([{ url: 'https://github.com/example/tiny', kind: 'code' }])
  })
})
