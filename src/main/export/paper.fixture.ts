// Papers for the exporters' tests, shaped as getPaper returns them.
import type { Paper } from '../../shared/types'

export function makePaper(overrides: Partial<Paper> = {}): Paper {
  return {
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
    digests: [{ id: 2, name: 'monday.txt', importedAt: '2026-10-30T09:00:00.000Z' }],
    ...overrides
  }
}
