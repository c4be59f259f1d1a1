// BibTeX: one @misc entry per paper (arXiv's own choice for preprints: no venue is known, and @misc
// requires no field we lack). Text is LaTeX-escaped with non-ASCII kept as UTF-8; whatever the input,
// every { written has its }, because BibTeX counts braces without regard to backslashes.
import type { Paper } from '../../shared/types'

export interface BibtexOptions {
  /** Write each reading note in `annote` (a field standard styles do not print). Default true. */
  includeNotes?: boolean
}

export function toBibtex(papers: Paper[], options: BibtexOptions = {}): string {
  const keys = citationKeys(papers)
  return papers.map((p, i) => entry(p, keys[i] ?? 'paper', options.includeNotes ?? true)).join('\n')
}

function entry(p: Paper, key: string, includeNotes: boolean): string {
  const year = arxivYear(p.arxivId)
  const fields: Array<[string, string]> = [['title', protectCase(p.title)]]
  const authors = p.authors.map(bibtexName).filter((a) => a !== '')
  const keywords = p.tags.map(latexEscape).filter((t) => t !== '')
  if (authors.length) fields.push(['author', authors.join(' and ')])
  if (year) fields.push(['year', year])
  if (p.arxivId) fields.push(['eprint', verbatim(p.arxivId)], ['archivePrefix', 'arXiv'])
  if (p.doi && clean(p.doi)) fields.push(['doi', verbatim(p.doi)])
  if (p.url && clean(p.url)) fields.push(['url', verbatim(p.url)])
  if (clean(p.abstract)) fields.push(['abstract', latexEscape(p.abstract)])
  if (keywords.length) fields.push(['keywords', keywords.join(', ')])
  if (includeNotes && clean(p.note)) fields.push(['annote', latexEscape(p.note)])
  return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}\n`
}

// ---- citation keys --------------------------------------------------------------------------------

// Words skipped when choosing the title word of a key, as Google Scholar does ("On the …", "Towards …").
const STOPWORDS = new Set(
  (
    'a an the of on in at to for from by with without via into onto over under about towards toward and or ' +
    'is are be do does can what how why when which who we our your its their this that these those using'
  ).split(' ')
)
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i'
}

/** Lower-case ASCII letters and digits only: accents dropped, ligatures spelled out. */
function asciiWords(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (ch) => FOLD[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
}

function lastName(author: string): string {
  const words = author.split(/\s+/).filter((w) => !NAME_SUFFIXES.has(w.toLowerCase().replace(/\.$/, '')))
  return asciiWords(words[words.length - 1] ?? '').join('')
}

/** The year of an arXiv id: 2406.12345 → 2024, hep-th/9901001 → 1999 (arXiv began in 1991). */
export function arxivYear(id: string | null): string | null {
  const modern = id && /^(\d{2})\d{2}\.\d{4,5}$/.exec(id)
  if (modern) return `20${modern[1]}`
  const old = id && /\/(\d{2})\d{5}$/.exec(id)
  if (old) return `${Number(old[1]) >= 91 ? 19 : 20}${old[1]}`
  return null
}

function baseKey(p: Paper): string {
  const author = p.authors[0] ? lastName(p.authors[0]) : ''
  const year = arxivYear(p.arxivId) ?? /^\d{4}/.exec(p.addedAt)?.[0] ?? ''
  const word = asciiWords(p.title).find((w) => !STOPWORDS.has(w)) ?? ''
  return `${author || 'anon'}${year}${word}`
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let s = ''
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s
  return s
}

/**
 * Citation keys like vaswani2017attention: first author's last name, year (from the arXiv id, else the
 * year the paper was added), first significant title word. Clashes get a, b, c… in order of paper id, so
 * a paper keeps its key whatever order or subset it is exported in, as long as its namesakes do too.
 */
export function citationKeys(papers: Paper[]): string[] {
  const order = papers.map((p, i) => ({ p, i })).sort((a, b) => a.p.id - b.p.id || a.i - b.i)
  const used = new Set<string>()
  const keys: string[] = new Array<string>(papers.length)
  for (const { p, i } of order) {
    const base = baseKey(p)
    let key = base
    for (let n = 0; used.has(key); n++) key = base + suffix(n)
    used.add(key)
    keys[i] = key
  }
  return keys
}

// ---- escaping -------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}'
}

/** One line of text: BibTeX folds line breaks anyway, and a line starting with @ would open an entry. */
function clean(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim()
}

/**
 * Escapes text for a braced field. Braces that pair up in the text become \{ \}; an unpaired one
 * becomes \textbraceleft{} or \textbraceright{}, which keeps the field's braces balanced.
 */
export function latexEscape(text: string): string {
  const s = clean(text)
  const paired = new Set<number>()
  const open: number[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') open.push(i)
    else if (s[i] === '}' && open.length) {
      paired.add(open.pop() as number)
      paired.add(i)
    }
  }
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string
    if (ch === '{') out += paired.has(i) ? '\\{' : '\\textbraceleft{}'
    else if (ch === '}') out += paired.has(i) ? '\\}' : '\\textbraceright{}'
    else out += ESCAPES[ch] ?? ch
  }
  return out
}

/**
 * Styles lower-case titles; words with a capital after their first letter (BERT, ImageNet, GPT-4) are
 * braced so they keep their case. Left alone: words holding a brace, which may pair across words, and
 * words starting with a command, which BibTeX would take for one accented letter and lower-case anyway.
 */
function protectCase(title: string): string {
  return latexEscape(title)
    .split(' ')
    .map((w) => (/^[^\\{}][^{}]*$/.test(w) && /.\p{Lu}/u.test(w) ? `{${w}}` : w))
    .join(' ')
}

/** A name BibTeX would split ("Barnes and Noble", "Smith, Jr") is braced to stay one name. */
function bibtexName(name: string): string {
  const escaped = latexEscape(name)
  return /,|\sand\s/i.test(escaped) ? `{${escaped}}` : escaped
}

/** URLs and DOIs are read verbatim (biblatex, \url): only what would break the field is percent-encoded. */
function verbatim(value: string): string {
  return clean(value).replace(
    /[{}\\\s]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}
