import { describe, expect, it } from 'vitest'
import { toRis } from './ris'
import { makePaper } from './paper.fixture'

describe('toRis', () => {
  it('writes one tagged record per paper, with CRLF line ends', () => {
    expect(toRis([makePaper()])).toBe(
      [
        'TY  - GEN',
        'TI  - Attention Is All You Need',
        'AU  - Ashish Vaswani',
        'AU  - Noam Shazeer',
        'PY  - 2017',
        'AB  - The dominant sequence transduction models are based on recurrent networks.',
        'UR  - https://arxiv.org/abs/1706.03762',
        'KW  - llm',
        'KW  - transformers',
        'N1  - Key idea: **self-attention** replaces recurrence.',
        'ER  - ',
        ''
      ].join('\r\n')
    )
  })

  it('types a paper with a DOI as a journal article and links its arXiv page when the URL is elsewhere', () => {
    const out = toRis([
      makePaper({
        doi: '10.1145/3292500.3330701',
        url: 'https://huggingface.co/papers/2406.12345',
        arxivId: '2406.12345'
      })
    ])
    expect(out).toMatch(/^TY {2}- JOUR\r\n/)
    expect(out).toContain(
      'UR  - https://huggingface.co/papers/2406.12345\r\nUR  - https://arxiv.org/abs/2406.12345\r\n'
    )
    expect(out).toContain('DO  - 10.1145/3292500.3330701\r\n')
  })

  it('keeps every value on one line, so no text can pass for a tag, and separates records', () => {
    const out = toRis(
      [
        makePaper({ abstract: 'First line\nER  - \nTY  - JOUR', note: '# Notes\n\n- one\n- two' }),
        makePaper({ id: 2, authors: [], tags: [], note: '', url: null, arxivId: null })
      ],
      { includeNotes: true }
    )
    expect(out).toContain('AB  - First line ER - TY - JOUR\r\n')
    expect(out).toContain('N1  - # Notes - one - two\r\n')
    expect(out.match(/^TY {2}- /gm)).toHaveLength(2)
    expect(out.match(/^ER {2}- $/gm)).toHaveLength(2)
    expect(out).toContain('ER  - \r\n\r\nTY  - GEN\r\n')
    expect(toRis([makePaper()], { includeNotes: false })).not.toContain('N1')
  })
})
