import { describe, expect, it } from 'vitest'
import { toMarkdown } from './markdown'
import { makePaper } from './paper.fixture'

const monday = { id: 2, name: 'monday.txt', importedAt: '2026-10-30T09:00:00.000Z' }
const tuesday = { id: 3, name: 'tuesday.txt', importedAt: '2026-10-31T09:00:00.000Z' }

describe('toMarkdown', () => {
  it('lists papers under each of their tags, with title, authors, links and the note verbatim', () => {
    const out = toMarkdown([
      makePaper({ note: 'Key idea: **self-attention**.\n\n    indented code\n\n> quoted' }),
      makePaper({
        id: 2,
        title: 'Graph *Kernels* [revisited]',
        authors: [],
        url: null,
        arxivId: null,
        doi: '10.1145/2783258.2783417',
        tags: [],
        read: false,
        starred: true,
        note: ''
      })
    ])
    const paper1 = [
      '### [Attention Is All You Need](https://arxiv.org/abs/1706.03762)',
      '',
      '- Authors: Ashish Vaswani, Noam Shazeer',
      '- arXiv: [1706.03762](https://arxiv.org/abs/1706.03762)',
      '- Tags: llm, transformers',
      '- Status: read',
      '',
      'Key idea: **self-attention**.',
      '',
      '    indented code',
      '',
      '> quoted'
    ].join('\n')
    expect(out).toBe(
      [
        '# Reading notes',
        '',
        '## llm',
        '',
        paper1,
        '',
        '## transformers',
        '',
        paper1,
        '',
        '## Untagged',
        '',
        '### [Graph \\*Kernels\\* \\[revisited\\]](https://doi.org/10.1145/2783258.2783417)',
        '',
        '- DOI: [10.1145/2783258.2783417](https://doi.org/10.1145/2783258.2783417)',
        '- Status: unread, starred',
        ''
      ].join('\n')
    )
  })

  it('groups by digest, newest first, a paper under each of its digests', () => {
    const out = toMarkdown(
      [
        makePaper({ id: 1, title: 'In both', digests: [tuesday, monday] }),
        makePaper({ id: 2, title: 'Only Monday', digests: [monday] })
      ],
      { groupBy: 'digest' }
    )
    const headings = out.split('\n').filter((l) => l.startsWith('#'))
    expect(headings).toEqual([
      '# Reading notes',
      '## tuesday.txt (2026-10-31)',
      '### [In both](https://arxiv.org/abs/1706.03762)',
      '## monday.txt (2026-10-30)',
      '### [In both](https://arxiv.org/abs/1706.03762)',
      '### [Only Monday](https://arxiv.org/abs/1706.03762)'
    ])
  })

  it('closes a code fence a note leaves open, so the next paper is not swallowed', () => {
    const out = toMarkdown([
      makePaper({ id: 1, tags: [], note: 'Try:\n\n````python\nprint("```")\n```' }),
      makePaper({ id: 2, tags: [], note: 'Closed:\n\n~~~\ncode\n~~~' })
    ])
    expect(out).toContain('print("```")\n```\n````\n\n### [Attention')
    expect(out).toContain('~~~\ncode\n~~~\n')
    expect(out).not.toContain('~~~\n~~~')
  })

  it('escapes link targets that would end the link', () => {
    const out = toMarkdown([makePaper({ url: 'https://example.org/a (b)<c>', tags: [] })])
    expect(out).toContain('](https://example.org/a%20%28b%29%3Cc%3E)')
  })
})
