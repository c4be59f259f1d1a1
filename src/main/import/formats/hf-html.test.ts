import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../detect'
import { parseDigest } from '../parse'
import { parse } from './hf-html'

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../../tests/fixtures/import/${name}`, import.meta.url))

describe('hf-html: a saved Daily Papers page', () => {
  const html = fixture('hf-daily-papers.html').toString('utf8')
  const { papers } = parse(html)

  it('is detected as hf-html', () => {
    expect(detectFormat(html)).toBe('hf-html')
  })

  it('takes titles from the paper links and abstracts and authors from the embedded data', () => {
    expect(papers[0]).toEqual({
      title: 'CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes',
      authors: ['Jason Yang', 'Ariane Mora', 'Frances H. Arnold'],
      abstract:
        'Enzymes are important proteins that catalyze chemical reactions. We introduce CARE, a benchmark and ' +
        'dataset suite for the Classification And Retrieval of Enzymes. CARE is available at https://github.com/jsunn-y/CARE/.',
      url: 'https://huggingface.co/papers/2406.15669',
      arxivId: '2406.15669',
      doi: null,
      links: [
        { url: 'https://huggingface.co/papers/2406.15669', kind: 'paper' },
        { url: 'https://github.com/jsunn-y/CARE', kind: 'code' }
      ]
    })
  })

  it('decodes entities in titles and data, and never keeps markup', () => {
    expect(papers[1]).toMatchObject({
      title: 'Tokens & Tiles: Vision Transformers <Without> Patches',
      authors: ['Léa Moreau', "Tomás O'Neill"],
      abstract:
        'We replace fixed patches with learned tokens & show gains of 3% on ImageNet (see https://tokens-tiles.github.io).'
    })
    expect(papers[2]).toEqual({
      title: 'Café Conversations: Multilingual Dialogue Benchmarks',
      authors: [],
      abstract:
        'We collect 12,000 dialogues recorded in cafés across six countries — with consent — and annotate them ' +
        'for turn-taking. Models trained on our data reduce interruption errors by 31% relative to strong ' +
        'baselines. Data: huggingface.co/datasets/example/cafe-dialogues.',
      url: 'https://huggingface.co/papers/2406.18003',
      arxivId: '2406.18003',
      doi: null,
      links: [
        { url: 'https://huggingface.co/papers/2406.18003', kind: 'paper' },
        { url: 'https://huggingface.co/datasets/example/cafe-dialogues', kind: 'code' }
      ]
    })
  })

  it('adds papers that appear only in the embedded data, and nothing from scripts or navigation', () => {
    expect(papers.map((p) => p.arxivId)).toEqual(['2406.15669', '2406.16001', '2406.18003', '2406.17002'])
    expect(papers[3]?.title).toBe('A Paper Only in the Embedded Data')
  })
})

describe('hf-html: the daily e-mail saved as .eml', () => {
  it('unwraps the quoted-printable HTML part and reads its papers', () => {
    const outcome = parseDigest(fixture('hf-daily-email.eml'))
    expect(outcome.format).toBe('hf-html')
    expect(outcome.papers.map((p) => [p.title, p.arxivId, p.url])).toEqual([
      [
        'Sparse Lexical Retrieval for Low-Resource Languages: A Case Study on Yorùbá and Hausa',
        '2406.09401',
        'https://huggingface.co/papers/2406.09401'
      ],
      [
        'On the α-Divergence of Preference Optimisation',
        '2406.09415',
        'https://huggingface.co/papers/2406.09415'
      ]
    ])
    expect(outcome.papers[0]?.abstract).toMatch(/^Dense retrievers dominate .* dense model\.$/)
    expect(outcome.papers[1]?.abstract).toBe('')
  })
})

describe('hf-html: tolerance', () => {
  it('reads a bare fragment of links and survives broken markup and bad embedded data', () => {
    const fragment =
      '<div data-props="{&quot;broken json"><a href="/papers/2406.11111">A <b>Bold</b> Title</a>' +
      '<a href="/papers/2406.22222"><img src=x></a><a href="/papers/2406.22222">12</a></div><p>unclosed'
    expect(parse(fragment).papers.map((p) => p.title)).toEqual(['A Bold Title'])
  })
})
