import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parse } from './arxiv-email'

const TEXT = readFileSync(
  new URL('../../../../tests/fixtures/import/arxiv-listing.txt', import.meta.url),
  'utf8'
)

describe('arxiv-email', () => {
  const { papers, warnings } = parse(TEXT)

  it('is detected from its content', () => {
    expect(detectFormat(TEXT)).toBe('arxiv-email')
  })

  it('reads wrapped titles and authors, drops affiliations and folds LaTeX', () => {
    expect(papers[0]).toEqual({
      title: 'Sparse Lexical Retrieval for Low-Resource Languages: A Case Study on Yorùbá and Hausa',
      authors: ['Ada Okafor', 'Jürgen Müller', 'Chen Wei', 'François Dupont'],
      abstract:
        'Dense retrievers dominate high-resource benchmarks, but they need large amounts of labelled data. ' +
        'We revisit sparse lexical retrieval for Yorùbá and Hausa, i.e., two languages with rich morphology, and ' +
        'show that a tuned BM25 with sub-word expansion closes 80% of the gap to a dense model trained on 10× more ' +
        'data. Our analysis – covering tokenisation, diacritics and query length – suggests that k_1 and b matter ' +
        'more than the choice of tokenizer. Data and models are released at ' +
        'https://huggingface.co/datasets/lagos-nlp/yo-ha-retrieval.',
      url: 'https://arxiv.org/abs/2406.09401',
      arxivId: '2406.09401',
      doi: null,
      links: [
        { url: 'https://arxiv.org/abs/2406.09401', kind: 'paper' },
        { url: 'https://huggingface.co/datasets/lagos-nlp/yo-ha-retrieval', kind: 'code' },
        { url: 'https://github.com/lagos-nlp/sparse-lr', kind: 'code' }
      ]
    })
  })

  it('takes the DOI field and math in titles', () => {
    expect(papers[1]).toMatchObject({
      title: 'On the α-Divergence of Preference Optimisation',
      authors: ['María García-López', 'Tom Baker'],
      arxivId: '2406.09415',
      doi: '10.48550/arxiv.2406.09415'
    })
    expect(papers[1]?.abstract).toContain('DPO (α → 1)')
  })

  it('reads cross-lists, and replacements that have no abstract', () => {
    expect(papers.slice(2).map((p) => [p.title, p.authors, p.arxivId, p.abstract === ''])).toEqual([
      ['Speech Tokenizers Are Language Models Too', ['Priya Raman', 'Lars Østergaard'], '2406.08912', false],
      ['A Survey of Evaluation Metrics for Machine Translation', ['Emily Stone'], '2310.01234', true]
    ])
  })

  it('skips the entry without a title and names it', () => {
    expect(papers).toHaveLength(4)
    expect(warnings).toEqual(['arXiv:2406.09433 (line 52) has no title and was skipped.'])
  })

  it('does not take an abstract line that starts with "arXiv:" for a new entry', () => {
    const text = TEXT.replace(
      '  Dense retrievers dominate',
      'arXiv:2101.00001 showed that dense retrievers dominate'
    )
    const again = parse(text).papers
    expect(again).toHaveLength(4)
    expect(again[0]?.abstract).toMatch(/^arXiv:2101\.00001 showed/)
  })
})
