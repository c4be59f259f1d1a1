// Synthetic libraries: deterministic, with the lengths and word statistics of real Daily Papers digests.
// Titles ~70 characters, abstracts ~1.3 KB drawn from a Zipf vocabulary (a few very common words, a long
// tail of rare ones, and families of words sharing a stem so that prefix searches expand), some links,
// notes and tags. Paper i is the same in every size, so the 1k library is the start of the 100k one.
import type { ExportedPaper, ExportFile } from '../../src/main/import/export-shape'

/** mulberry32: tiny, fast and good enough to make text; seeded so every run sees the same library. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// The head of the distribution: real function words and the field's everyday vocabulary, in rank order.
const HEAD = (
  'the of and to a in we for is that on with by as this our are from be an which can it at these not or ' +
  'such both into than its while their more has have also between each when only using show propose model ' +
  'models learning data training language performance large method results tasks neural task approach based ' +
  'framework network methods existing new dataset image vision benchmark trained generation evaluation state ' +
  'however attention transformer reasoning diffusion agents graph video text multimodal inference robust ' +
  'efficient accuracy scale prior across demonstrate outperforms significantly further experiments extensive ' +
  'representation representations prediction fine tuning policy reinforcement generative retrieval alignment'
).split(' ')

// Word families for the tail: stem + suffix, so "calibrat" finds calibrate, calibrated, calibration…
const SUFFIXES = ['', 's', 'ing', 'ed', 'ation', 'ive', 'ly', 'er', 'ers', 'ism']
const ONSETS = 'b c d f g h k l m n p r s t v z br cl dr fl gr kr pl pr sk st tr th ch sh'.split(' ')
const VOWELS = 'a e i o u a e i o u ai ea io ou'.split(' ')
const CODAS = ['', '', 'n', 'r', 's', 'l', 'x', 'nt', 'rd', 'st']

export interface Vocabulary {
  words: string[]
  /** Cumulative Zipf weights. */
  cdf: Float64Array
  /** For each of 2^16 slices of [0, 1), the first word whose cumulative weight reaches it: O(1) sampling. */
  start: Uint32Array
}

export function vocabulary(size = 40_000, seed = 7): Vocabulary {
  const r = rng(seed)
  const words = [...HEAD]
  const seen = new Set(words)
  const stems: string[] = []
  while (words.length < size) {
    let stem = ''
    const syllables = 1 + Math.floor(r() * 2.6)
    for (let s = 0; s < syllables; s++) {
      stem += ONSETS[Math.floor(r() * ONSETS.length)]! + VOWELS[Math.floor(r() * VOWELS.length)]!
    }
    stem += CODAS[Math.floor(r() * CODAS.length)]!
    if (seen.has(stem)) continue
    stems.push(stem)
    // Three to six members per family, spread over the ranks by the shuffle below.
    const members = 3 + Math.floor(r() * 4)
    for (let m = 0; m < members && words.length < size; m++) {
      const w = stem + SUFFIXES[m]!
      if (!seen.has(w)) {
        seen.add(w)
        words.push(w)
      }
    }
  }
  // Shuffle the tail so that a family's members get unrelated frequencies.
  for (let i = words.length - 1; i > HEAD.length; i--) {
    const j = HEAD.length + Math.floor(r() * (i - HEAD.length + 1))
    ;[words[i], words[j]] = [words[j]!, words[i]!]
  }
  const cdf = new Float64Array(words.length)
  let total = 0
  for (let i = 0; i < words.length; i++) {
    total += 1 / Math.pow(i + 1, 1.05)
    cdf[i] = total
  }
  for (let i = 0; i < cdf.length; i++) cdf[i]! /= total
  const start = new Uint32Array(SLICES)
  for (let b = 0, i = 0; b < SLICES; b++) {
    while (i < cdf.length - 1 && cdf[i]! < b / SLICES) i++
    start[b] = i
  }
  return { words, cdf, start }
}

const SLICES = 65_536

function pick(v: Vocabulary, u: number): string {
  let i = v.start[(u * SLICES) | 0]!
  while (i < v.cdf.length - 1 && v.cdf[i]! < u) i++
  return v.words[i]!
}

const FIRST = (
  'Wei Li Ana Jonas Priya Tomás Yuki Omar Sara Chen Mateo Lena Ravi Elif Noah Mei Ivan Zoe Kofi Aisha ' +
  'Lukas Hana Diego Nora Arjun Sofia Kenji Amara Felix Ines'
).split(' ')
const LAST = (
  'Zhang Wang Müller Garcia Kim Nguyen Patel Rossi Silva Kowalski Smith Okafor Tanaka Haddad Novak Jensen ' +
  'Ferreira Yilmaz Cohen Moreau Singh Andersson Ito Costa Popescu Dubois Khan Hoffmann Sato Ibrahim'
).split(' ')

export const TAGS = [
  'to-read',
  'ml',
  'ml/vision',
  'ml/nlp',
  'ml/rl',
  'survey',
  'benchmarks',
  'reproduce',
  'reading-group',
  'theory',
  'systems',
  'robotics',
  'audio',
  'ml/vision/3d',
  'agents',
  'datasets'
]

function capitalise(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1)
}

export interface Generator {
  vocab: Vocabulary
  paper: (i: number) => ExportedPaper
}

const DAY = 86_400_000
const EPOCH = Date.UTC(2023, 0, 1)

export function generator(seed = 1): Generator {
  const vocab = vocabulary()
  const paper = (i: number): ExportedPaper => {
    // One stream per paper: paper i does not depend on how many came before it.
    const r = rng(seed * 1_000_003 + i * 7919)
    const word = (): string => pick(vocab, r())
    const tail = (): string =>
      vocab.words[HEAD.length + Math.floor(r() * (vocab.words.length - HEAD.length))]!

    // Title: Title Case words until about 70 characters, half of them "Name: subtitle".
    const titleTarget = 40 + Math.floor(r() * 46)
    let title = r() < 0.5 ? `${capitalise(tail()).slice(0, 4 + Math.floor(r() * 5))}: ` : ''
    while (title.length < titleTarget) {
      const w = r() < 0.4 ? tail() : word()
      title += (title && !title.endsWith(' ') ? ' ' : '') + (w.length > 3 ? capitalise(w) : w)
    }
    // A number keeps titles unique, as real titles are, so deduplication keeps every paper.
    title += ` ${i + 1}`

    // Abstract: sentences of Zipf words up to ~1.3 KB, then sometimes a code link or a project page.
    const target = 850 + Math.floor(r() * 800)
    let abstract = ''
    while (abstract.length < target) {
      const n = 10 + Math.floor(r() * 18)
      const words: string[] = []
      for (let k = 0; k < n; k++) words.push(word())
      if (r() < 0.2) words.splice(Math.floor(r() * n), 0, `${(r() * 100).toFixed(1)}%`)
      abstract += (abstract ? ' ' : '') + capitalise(words.join(' ')) + '.'
    }
    const links: ExportedPaper['links'] = []
    const yymm = `${23 + Math.floor(i / 120_000)}${String(1 + (((i / 10_000) % 12) | 0)).padStart(2, '0')}`
    const arxivId = `${yymm}.${String(i % 100_000).padStart(5, '0')}`
    const url = `https://huggingface.co/papers/${arxivId}`
    links.push({ url, kind: 'paper' })
    if (r() < 0.3) {
      const code = `https://github.com/${tail()}/${tail()}`
      abstract += ` Code is available at ${code}.`
      links.push({ url: code, kind: 'code' })
    }
    if (r() < 0.1) {
      const project = `https://${tail()}.github.io/${tail()}/`
      abstract += ` Project page: ${project}`
      links.push({ url: project, kind: 'project' })
    }

    const authors: string[] = []
    const nAuthors = 1 + Math.floor(r() * r() * 12)
    for (let a = 0; a < nAuthors; a++) {
      authors.push(`${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}`)
    }

    const addedAt = new Date(EPOCH + Math.floor(i / 50) * DAY + (i % 50) * 1000).toISOString()
    const read = r() < 0.4
    const starred = r() < 0.05
    const tags: string[] = []
    if (r() < 0.2) {
      const n = 1 + Math.floor(r() * 3)
      for (let t = 0; t < n; t++) {
        const tag = TAGS[Math.floor(r() * r() * TAGS.length)]!
        if (!tags.includes(tag)) tags.push(tag)
      }
    }
    let note = ''
    if (r() < 0.05) {
      const lines = [`Key idea: ${word()} ${word()} ${tail()} ${word()}.`]
      const bullets = 1 + Math.floor(r() * 5)
      for (let b = 0; b < bullets; b++) lines.push(`- ${capitalise(word())} ${word()} ${tail()} ${word()}`)
      note = lines.join('\n')
    }
    const doi = r() < 0.1 ? `10.1145/${3_000_000 + i}` : null
    return {
      id: i + 1,
      title,
      authors,
      abstract,
      url,
      arxivId,
      doi,
      links,
      read,
      starred,
      readAt: read ? addedAt : null,
      starredAt: starred ? addedAt : null,
      tags,
      note,
      noteUpdatedAt: note ? addedAt : null,
      addedAt,
      digests: []
    }
  }
  return { vocab, paper }
}

export interface Digest {
  /** A Papershelf JSON export: the digest format the benchmark imports (parsed with JSON.parse, no guessing). */
  text: string
  /** UTF-8 bytes of the text the papers hold (titles, authors, abstracts, notes, tags): the size baseline. */
  rawTextBytes: number
}

export function digest(gen: Generator, n: number): Digest {
  const papers: ExportedPaper[] = []
  let rawTextBytes = 0
  for (let i = 0; i < n; i++) {
    const p = gen.paper(i)
    papers.push(p)
    rawTextBytes += Buffer.byteLength(p.title) + Buffer.byteLength(p.abstract) + Buffer.byteLength(p.note)
    for (const a of p.authors) rawTextBytes += Buffer.byteLength(a)
    for (const t of p.tags) rawTextBytes += Buffer.byteLength(t)
  }
  const file: ExportFile = { papershelf: 1, exportedAt: new Date(EPOCH).toISOString(), papers }
  return { text: JSON.stringify(file), rawTextBytes }
}

export interface Query {
  kind: string
  query: string
}

/**
 * The searches: a rare word from the tail of the vocabulary, a common one, a prefix being typed, two words,
 * and (last) two letters: the first keystrokes that search (a lone letter is not searched), matching every paper.
 */
export function searchQueries(gen: Generator): Query[] {
  return [
    { kind: 'rare', query: gen.vocab.words[30_011]! },
    { kind: 'common', query: 'learning' },
    { kind: 'prefix', query: 'gen' },
    { kind: 'two words', query: 'graph diffusion' },
    { kind: 'two letters', query: 'th' }
  ]
}
