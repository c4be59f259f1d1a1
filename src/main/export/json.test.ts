import { describe, expect, it } from 'vitest'
import { toJson } from './json'
import { makePaper } from './paper.fixture'
import { exportFileSchema, exportedPaperSchema } from '../import/export-shape'

describe('toJson', () => {
  it('writes the export file shape, with every field of every paper', () => {
    const out = toJson([makePaper()], new Date('2026-11-27T08:15:00.000Z'))
    expect(out.endsWith('}\n')).toBe(true)
    expect(JSON.parse(out)).toEqual({
      papershelf: 1,
      exportedAt: '2026-11-27T08:15:00.000Z',
      papers: [
        {
          id: 1,
          title: 'Attention Is All You Need',
          authors: ['Ashish Vaswani', 'Noam Shazeer'],
          abstract: 'The dominant sequence transduction models are based on recurrent networks.',
          url: 'https://arxiv.org/abs/1706.03762',
          arxivId: '1706.03762',
          doi: null,
          links: [{ url: 'https://github.com/tensorflow/tensor2tensor', kind: 'code' }],
          read: true,
          starred: false,
          readAt: '2026-11-01T10:00:00.000Z',
          starredAt: null,
          tags: ['llm', 'transformers'],
          note: 'Key idea: **self-attention** replaces recurrence.',
          noteUpdatedAt: '2026-11-02T10:00:00.000Z',
          addedAt: '2026-10-30T09:00:00.000Z',
          digests: ['monday.txt']
        }
      ]
    })
  })

  it('is accepted by the importer schema as it stands', () => {
    const file = exportFileSchema.parse(JSON.parse(toJson([makePaper(), makePaper({ id: 2, url: null })])))
    expect(file.papers.map((p) => exportedPaperSchema.parse(p).title)).toEqual([
      'Attention Is All You Need',
      'Attention Is All You Need'
    ])
  })
})
