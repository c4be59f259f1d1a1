import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parse } from './rss'

const XML = readFileSync(new URL('../../../../tests/fixtures/import/arxiv-rss.xml', import.meta.url), 'utf8')

describe('rss', () => {
  const { papers, warnings } = parse(XML)

  it('is detected from its root element', () => {
    expect(detectFormat(XML)).toBe('rss')
  })

  it("reads arXiv's items: announce line stripped, id from the description, authors from dc:creator", () => {
    expect(papers[0]).toEqual({
      title: 'Retrieval-Augmented Generation for Low-Resource Languages: A Survey',
      authors: ['Amara Nwosu', 'Lukas Schröder', 'Mei Lin'],
      abstract:
        'Retrieval-augmented generation (RAG) grounds language models in external knowledge. We survey RAG for ' +
        'low-resource languages, covering retrievers, generators and evaluation, and find that 70% of the work ' +
        'targets only ten languages. Resources: https://github.com/example/rag-lrl.',
      url: 'https://arxiv.org/abs/2406.09432',
      arxivId: '2406.09432',
      doi: null,
      links: [
        { url: 'https://arxiv.org/abs/2406.09432', kind: 'paper' },
        { url: 'https://github.com/example/rag-lrl', kind: 'code' }
      ]
    })
  })

  it('decodes entities exactly once', () => {
    expect(papers[1]).toMatchObject({
      title: 'Tokenizer Choice & Its Effect on <unk> Rates in Code-Switched Text',
      authors: ['Rahul Verma', 'Sofia Álvarez'],
      abstract:
        'We measure how often tokenizers emit <unk> on Hindi–English code-switched text & find large differences.',
      arxivId: '2406.09101'
    })
  })

  it('reads CDATA, strips HTML from descriptions, keeps link targets and RSS 2.0 authors', () => {
    expect(papers[2]).toEqual({
      title: 'Graph Neural Networks & Molecules: <Revisited>',
      authors: ['Kai Fischer'],
      abstract: 'We revisit message passing for molecules. Project page: gnn-mol.github.io',
      url: 'https://example.org/blog/gnn-molecules',
      arxivId: null,
      doi: null,
      links: [
        { url: 'https://example.org/blog/gnn-molecules', kind: 'project' },
        { url: 'https://gnn-mol.github.io', kind: 'project' }
      ]
    })
  })

  it('skips the item without a title', () => {
    expect(papers).toHaveLength(3)
    expect(warnings).toEqual(['Item 4 (line 40) has no title and was skipped.'])
  })

  it("reads arXiv's older RSS 1.0 (RDF) feed", () => {
    const rdf = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://arxiv.org/rss/cs.CL"><title>cs.CL updates on arXiv.org</title></channel>
<item rdf:about="http://arxiv.org/abs/1901.00001">
<title>Old Style Titles. (arXiv:1901.00001v2 [cs.CL] UPDATED)</title>
<link>http://arxiv.org/abs/1901.00001</link>
<description rdf:parseType="Literal">&lt;p&gt;An abstract in &lt;i&gt;HTML&lt;/i&gt;.&lt;/p&gt;</description>
<dc:creator> &lt;a href="http://arxiv.org/find/cs/1/au:+Doe_J/0/1/0/all/0/1"&gt;Jane Doe&lt;/a&gt;, &lt;a href="x"&gt;John Roe&lt;/a&gt;</dc:creator>
</item>
</rdf:RDF>`
    expect(detectFormat(rdf)).toBe('rss')
    expect(parse(rdf).papers).toEqual([
      {
        title: 'Old Style Titles',
        authors: ['Jane Doe', 'John Roe'],
        abstract: 'An abstract in HTML.',
        url: 'http://arxiv.org/abs/1901.00001',
        arxivId: '1901.00001',
        doi: null,
        links: [{ url: 'http://arxiv.org/abs/1901.00001', kind: 'paper' }]
      }
    ])
  })
})
