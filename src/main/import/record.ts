// Turns what a format parser found into a ParsedPaper, the same way for every format: text folded,
// links extracted, arXiv id and DOI taken from whichever field holds them.
import type { Link } from '../../shared/types'
import { cleanUrl, extractLinks } from './links'
import { normaliseArxivId, normaliseDoi, normaliseText, type NormaliseOptions } from './normalise'
import type { ParsedPaper, ParsedState } from './types'

export interface RawPaper {
  title: string
  authors?: string[]
  abstract?: string
  url?: string | null
  arxivId?: string | null
  doi?: string | null
  /** Further URLs the record names itself (PDF, DOI link): linked first and searched for ids. */
  urls?: string[]
  /** More text to find links in after the abstract (e.g. arXiv's "Comments:" field). */
  linkText?: string
  /** Links given explicitly (Papershelf's own exports): used as they are instead of extracting. */
  links?: Link[]
  state?: ParsedState
}

export interface FormatResult {
  papers: ParsedPaper[]
  warnings: string[]
}

function firstOf<T>(values: ReadonlyArray<string | null | undefined>, fn: (s: string) => T | null): T | null {
  for (const v of values) {
    if (!v) continue
    const found = fn(v)
    if (found !== null) return found
  }
  return null
}

function doiFromUrl(s: string): string | null {
  return /(^|\/\/|\.)doi\.org\//i.test(s) ? normaliseDoi(s) : null
}

// A "title" longer than this is a whole document mistaken for one; it is cut so the list stays usable.
const MAX_TITLE = 2000

/** The finished paper, or null when it has no title (the caller names the record in a warning). */
export function buildPaper(raw: RawPaper, opts: NormaliseOptions = {}): ParsedPaper | null {
  const folded = normaliseText(raw.title, opts)
  if (folded === '') return null
  const title = folded.length > MAX_TITLE ? `${folded.slice(0, MAX_TITLE - 1).trimEnd()}…` : folded
  const authors = (raw.authors ?? []).map((a) => normaliseText(a, opts)).filter((a) => a !== '')
  const abstract = normaliseText(raw.abstract ?? '', opts)
  const url = raw.url ? cleanUrl(raw.url) : null
  const urls = raw.urls ?? []
  let links: Link[]
  if (raw.links) {
    links = []
    const seen = new Set<string>()
    for (const link of raw.links) {
      const clean = cleanUrl(link.url)
      if (clean !== null && !seen.has(clean)) {
        seen.add(clean)
        links.push({ url: clean, kind: link.kind })
      }
    }
  } else {
    const more = raw.linkText ? normaliseText(raw.linkText, opts) : ''
    links = extractLinks(more === '' ? abstract : `${abstract}\n${more}`, [url, ...urls])
  }
  const doi = firstOf([raw.doi], normaliseDoi) ?? firstOf([url, ...urls], doiFromUrl)
  let arxivId = firstOf([raw.arxivId, url, ...urls], normaliseArxivId)
  // arXiv's own DOIs (10.48550/arXiv.<id>) name the id as well.
  if (arxivId === null && doi?.startsWith('10.48550/arxiv.')) arxivId = normaliseArxivId(doi.slice(15))
  const paper: ParsedPaper = { title, authors, abstract, url, arxivId, doi, links }
  if (raw.state) paper.state = raw.state
  return paper
}

/** "Last, First" → "First Last"; "Last, Jr., First" → "First Last Jr."; anything else unchanged. */
export function personName(name: string): string {
  const parts = splitTopLevel(name, ',').map((p) => p.trim())
  if (parts.length === 2 && parts[0] && parts[1]) return `${parts[1]} ${parts[0]}`
  if (parts.length === 3 && parts[0] && parts[2]) return `${parts[2]} ${parts[0]} ${parts[1]}`.trim()
  return name.trim()
}

/** Splits at `sep` outside braces and parentheses. */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === '{' || ch === '(') depth++
    else if ((ch === '}' || ch === ')') && depth > 0) depth--
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(start, i))
      start = i + sep.length
      i += sep.length - 1
    }
  }
  out.push(s.slice(start))
  return out
}

/**
 * A list of authors written as prose, as arXiv and feeds do: "A. Smith (MIT), B. Jones and C. Wu".
 * Affiliations in parentheses are dropped; "et al." and "others" are not people.
 */
export function splitAuthors(s: string): string[] {
  let flat = ''
  let depth = 0
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === '(') {
      if (depth === 0) flat += s.slice(start, i)
      depth++
    } else if (ch === ')' && depth > 0) {
      depth--
      if (depth === 0) start = i + 1
    }
  }
  if (depth === 0) flat += s.slice(start)
  return flat
    .replace(/\s+/g, ' ')
    .split(/[,;]| and | & /i)
    .map((a) => a.replace(/^and /i, '').trim())
    .filter((a) => a !== '' && !/^(et\s+al\.?|others)$/i.test(a))
}

export function skipped(what: string, line?: number): string {
  return `${what}${line === undefined ? '' : ` (line ${line})`} has no title and was skipped.`
}
