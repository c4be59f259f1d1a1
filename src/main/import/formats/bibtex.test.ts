import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parse } from './bibtex'

const BIB = readFileSync(new URL('../../../../tests/fixtures/import/papers.bib', import.meta.url), 'utf8')

describe('bibtex', () => {
  const { papers, warnings } = parse(BIB)

  it('is detected from its content', () => {
    expect(detectFormat(BIB)).toBe('bibtex')
  })

  it('reads braced values, "Last, First" authors, DOI and URL, and ignores @string/@comment/@preamble', () => {
    expect(papers[0]).toEqual({
      title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
      authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
      abstract: '',
      url: 'https://aclanthology.org/N19-1423',
      arxivId: null,
      doi: '10.18653/v1/n19-1423',
      links: [{ url: 'https://aclanthology.org/N19-1423', kind: 'paper' }]
    })
    expect(papers.map((p) => p.title)).not.toContain('Not a paper')
  })

  it('reads quoted values with LaTeX accents, corporate authors and arXiv ids from the journal field', () => {
    expect(papers[1]).toEqual({
      title: 'A naïve Approach to Straße Names: 11% Better Results with Tiny Models',
      authors: ['Jörg Müller', 'Lucía García', 'The Papershelf Consortium'],
      abstract:
        'We show that a naïve baseline—character n-grams—matches fine-tuned models on street-name normalisation, ' +
        'i.e., the task of mapping “Strasse” and “Straße” to one form. Code: https://github.com/example/strasse_norm.',
      url: null,
      arxivId: '2103.00020',
      doi: null,
      links: [{ url: 'https://github.com/example/strasse_norm', kind: 'code' }]
    })
  })

  it('reads eprint/archivePrefix, drops "others", and cleans DOI fields given as URLs', () => {
    expect(papers[2]).toMatchObject({
      title: 'Scaling Laws for Test-Time Compute',
      authors: ['Jane Smith'],
      arxivId: '2408.03314'
    })
    expect(papers[3]).toMatchObject({
      title: 'LaTeX: A Document Preparation System',
      authors: ['Leslie Lamport'],
      doi: '10.5555/some.doi'
    })
  })

  it('skips the entry without a title and names it', () => {
    expect(papers).toHaveLength(4)
    expect(warnings).toEqual(['Entry 4 (line 40, key notitle2020) has no title and was skipped.'])
  })

  it('handles macros with # concatenation, parentheses as delimiters and entries on one line', () => {
    const text =
      '@string{pre = "Deep "}\n@article(a, title = pre # {Learning} # " Today", author = "Ng, Andrew")' +
      '@misc{b, title = "Quoted {with "quotes" inside}"}'
    expect(parse(text).papers.map((p) => [p.title, p.authors])).toEqual([
      ['Deep Learning Today', ['Andrew Ng']],
      ['Quoted with "quotes" inside', []]
    ])
  })

  it('recovers from an unbalanced entry at the next line that starts with @', () => {
    const text = '@article{broken, title = {Never closed\n\n@article{ok, title = {Fine}}\n'
    const result = parse(text)
    expect(result.papers.map((p) => p.title)).toEqual(['Fine'])
  })
})
