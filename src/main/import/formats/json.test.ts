import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parseDigest } from '../parse'
import { ImportError } from '../types'
import { parse } from './json'

const TEXT = readFileSync(
  new URL('../../../../tests/fixtures/import/papershelf-export.json', import.meta.url),
  'utf8'
)

describe("json: Papershelf's export", () => {
  const { papers, warnings } = parse(TEXT)

  it('is detected from its content', () => {
    expect(detectFormat(TEXT)).toBe('json')
  })

  it('re-imports papers with their state and explicit link kinds', () => {
    expect(papers[0]).toEqual({
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
        note: 'Compare with CLIPZyme.\n\n- EC numbers\n- retrieval task',
        noteUpdatedAt: '2024-06-18T10:06:00.000Z',
        tags: ['enzymes', 'benchmarks'],
        digests: ['HF 2024-06-17', 'My reading list'],
        addedAt: '2024-06-17T07:00:00.000Z'
      }
    })
  })

  it('collapses whitespace in titles but does not fold markup that was already folded', () => {
    expect(papers[1]?.title).toBe('Yorùbá–English Translation with Tiny Models')
  })

  it('ignores __proto__ and constructor keys without polluting anything', () => {
    expect(Object.keys(papers[1] ?? {})).not.toContain('polluted')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('falls back to defaults for malformed optional fields', () => {
    expect(papers[2]).toMatchObject({
      title: '=HYPERLINK("http://evil.example") is just a title here',
      authors: [],
      state: { read: false, addedAt: '2024-06-19T07:00:00.000Z' }
    })
  })

  it('skips the paper without a title and names it', () => {
    expect(papers).toHaveLength(3)
    expect(warnings).toEqual(['Paper 3 has no title and was skipped.'])
  })
})

describe('json: other shapes', () => {
  it('keeps only times that are times, in the form the app writes', () => {
    const times = (paper: object) =>
      parse(JSON.stringify([{ title: 'T', read: true, ...paper }])).papers[0]?.state
    expect(
      times({ readAt: '2024-06-18', starredAt: '2024-06-18T12:00:00+02:00', addedAt: '2024-06-17T07:00:00Z' })
    ).toMatchObject({
      readAt: '2024-06-18T00:00:00.000Z',
      starredAt: '2024-06-18T10:00:00.000Z',
      addedAt: '2024-06-17T07:00:00.000Z'
    })
    const junk = times({ readAt: 'not a date', starredAt: '2024-13-45', noteUpdatedAt: 12, addedAt: '1234' })
    expect(junk).toMatchObject({ readAt: null, starredAt: null, noteUpdatedAt: null })
    expect(junk?.addedAt).toBeUndefined()
  })

  it('accepts a bare array of exported papers', () => {
    expect(parse('[{"title": "Only a title", "unknown": 1}, 42]')).toEqual({
      papers: [
        {
          title: 'Only a title',
          authors: [],
          abstract: '',
          url: null,
          arxivId: null,
          doi: null,
          links: [],
          state: expect.any(Object)
        }
      ],
      warnings: ['Paper 2 is not a paper record and was skipped.']
    })
  })

  it("reads Hugging Face's daily_papers API", () => {
    const api = JSON.stringify([
      {
        paper: {
          id: '2406.15669',
          title: 'CARE',
          summary: 'An abstract.',
          authors: [{ name: 'Jason Yang' }]
        },
        title: 'CARE'
      }
    ])
    expect(parse(api).papers).toEqual([
      {
        title: 'CARE',
        authors: ['Jason Yang'],
        abstract: 'An abstract.',
        url: 'https://huggingface.co/papers/2406.15669',
        arxivId: '2406.15669',
        doi: null,
        links: [{ url: 'https://huggingface.co/papers/2406.15669', kind: 'paper' }]
      }
    ])
  })

  it('refuses broken JSON and exports from a newer Papershelf with one sentence', () => {
    expect(() => parse('{"papershelf": 1, "papers": [')).toThrow(
      new ImportError('This file looks like JSON but cannot be read; it may be incomplete or damaged.')
    )
    expect(() => parseDigest(new TextEncoder().encode('{"papershelf": 2, "papers": []}'))).toThrow(
      'This file was exported by a newer version of Papershelf; update Papershelf to import it.'
    )
  })
})
