import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parse } from './ris'

const RIS = readFileSync(new URL('../../../../tests/fixtures/import/papers.ris', import.meta.url), 'utf8')

describe('ris', () => {
  const { papers, warnings } = parse(RIS)

  it('is detected from its content', () => {
    expect(detectFormat(RIS)).toBe('ris')
  })

  it('reads TI, AU, wrapped AB, UR and DO', () => {
    expect(papers[0]).toEqual({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      abstract:
        'The dominant sequence transduction models are based on complex recurrent or convolutional neural ' +
        'networks. We propose a new simple network architecture, the Transformer, based solely on attention mechanisms.',
      url: 'https://arxiv.org/abs/1706.03762v7',
      arxivId: '1706.03762',
      doi: '10.48550/arxiv.1706.03762',
      links: [{ url: 'https://arxiv.org/abs/1706.03762v7', kind: 'paper' }]
    })
  })

  it('reads T1, A1, N2 and L1, with accents and entities', () => {
    expect(papers[1]).toEqual({
      title: 'Évaluation des modèles de langue en français',
      authors: ['Zoë Lefèvre', 'Văn An Nguyễn'],
      abstract: 'Nous évaluons des modèles de langue sur des tâches en français & en anglais.',
      url: 'https://example.org/papers/lefevre2023.pdf',
      arxivId: null,
      doi: null,
      links: [{ url: 'https://example.org/papers/lefevre2023.pdf', kind: 'paper' }]
    })
  })

  it("takes the arXiv id from arXiv's DOI", () => {
    expect(papers[2]).toMatchObject({ arxivId: '2406.15669', doi: '10.48550/arxiv.2406.15669' })
  })

  it('skips the record without a title', () => {
    expect(papers).toHaveLength(3)
    expect(warnings).toEqual(['Record 3 (line 22) has no title and was skipped.'])
  })

  it('cuts a title that is really a whole document', () => {
    const [paper] = parse(`TY  - JOUR\nTI  - ${'word '.repeat(1000)}\nER  - `).papers
    expect(paper?.title).toHaveLength(2000)
    expect(paper?.title.endsWith('word…')).toBe(true)
  })
})
