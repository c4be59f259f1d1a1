import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parse } from './atom'

const XML = readFileSync(new URL('../../../../tests/fixtures/import/arxiv-api.atom', import.meta.url), 'utf8')

describe('atom', () => {
  const { papers, warnings } = parse(XML)

  it('is detected from its root element', () => {
    expect(detectFormat(XML)).toBe('atom')
  })

  it('reads arXiv API entries: wrapped titles, old-style ids, the PDF link', () => {
    expect(papers[0]).toEqual({
      title: 'Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA',
      authors: ['H1 Collaboration'],
      abstract:
        'Multi-electron production is studied at high electron transverse momentum in positron- and ' +
        'electron-proton collisions using the H1 detector at HERA. The data correspond to an integrated ' +
        'luminosity of 115 pb-1. Di-electron and tri-electron event yields are measured.',
      url: 'http://arxiv.org/abs/hep-ex/0307015v1',
      arxivId: 'hep-ex/0307015',
      doi: null,
      links: [
        { url: 'http://arxiv.org/abs/hep-ex/0307015v1', kind: 'paper' },
        { url: 'http://arxiv.org/pdf/hep-ex/0307015v1', kind: 'paper' }
      ]
    })
  })

  it('reads arxiv:doi, several authors with entities, math and links with unbalanced brackets', () => {
    expect(papers[1]).toEqual({
      title: 'Learning to See in the Dark with O(n) Memory',
      authors: ['Zoë Châtelet', 'Björn Lindqvist'],
      abstract:
        'We propose a low-light enhancement network whose memory grows as O(n) in the number of pixels & show ' +
        'it runs on phones. Code is at https://github.com/example/dark-on(line)).',
      url: 'http://arxiv.org/abs/2406.12345v3',
      arxivId: '2406.12345',
      doi: '10.1109/cvpr.2024.00123',
      links: [
        { url: 'http://arxiv.org/abs/2406.12345v3', kind: 'paper' },
        { url: 'http://dx.doi.org/10.1109/CVPR.2024.00123', kind: 'paper' },
        { url: 'http://arxiv.org/pdf/2406.12345v3', kind: 'paper' },
        { url: 'https://github.com/example/dark-on(line)', kind: 'code' }
      ]
    })
  })

  it('reads generic Atom with type="html" titles and XHTML content', () => {
    expect(papers[2]).toEqual({
      title: 'Why Small Models Still Matter',
      authors: ['Ines Duarte'],
      abstract: 'A short essay on small models. See https://example.org/small.',
      url: 'https://example.org/posts/7',
      arxivId: null,
      doi: null,
      links: [
        { url: 'https://example.org/posts/7', kind: 'project' },
        { url: 'https://example.org/small', kind: 'project' }
      ]
    })
  })

  it('skips the entry with a blank title', () => {
    expect(papers).toHaveLength(3)
    expect(warnings).toEqual(['Entry 4 (line 49) has no title and was skipped.'])
  })

  it('ignores the error entry of a failed arXiv query and handles prefixed Atom', () => {
    const xml =
      '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:entry><atom:id>http://arxiv.org/api/errors#x</atom:id>' +
      '<atom:title>Error</atom:title></atom:entry><atom:entry><atom:title>Prefixed</atom:title></atom:entry></atom:feed>'
    expect(detectFormat(xml)).toBe('atom')
    expect(parse(xml).papers.map((p) => p.title)).toEqual(['Prefixed'])
  })
})
