// A saved Hugging Face Daily Papers page, or the daily e-mail's HTML. Papers are found two ways:
// - links to /papers/<arXiv id> (or arxiv.org/abs/<id>): the link text is the title, and the first
//   abstract-like block of text after it, before the next paper, is its abstract;
// - the page's embedded data (data-props JSON): objects with an arXiv `id` and a `title`, which also
//   carry the full abstract ("summary") and the authors.
import { decodeEntities } from '../entities'
import { attr, separatorFor, tokenize } from '../markup'
import { normaliseArxivId, normaliseText } from '../normalise'
import { buildPaper, type FormatResult } from '../record'
import type { ParsedPaper } from '../types'
import { lineCost } from './hf-text'

interface Found {
  id: string
  url: string
  title: string
  abstract: string
  authors: string[]
  /** Targets of the links inside the abstract. */
  hrefs: string[]
}

const UI_TEXT =
  /^(read more|see more|more|view|view paper|paper page|pdf|arxiv|abstract|comments?|upvotes?|\d+\s*\w*)$/i

function paperLink(href: string): { id: string; url: string } | null {
  const h = href.trim()
  const relative = h.startsWith('/papers/')
  if (!relative && !/huggingface\.co\/papers\/|hf\.co\/papers\/|arxiv\.org\/(abs|pdf)\//i.test(h)) return null
  const id = normaliseArxivId(relative ? h.slice('/papers/'.length) : h)
  if (id === null) return null
  const url = relative || /huggingface\.co|hf\.co/i.test(h) ? `https://huggingface.co/papers/${id}` : h
  return { id, url }
}

function isTitleText(t: string): boolean {
  return t.length >= 4 && /\p{L}\p{L}/u.test(t) && !UI_TEXT.test(t)
}

function isAbstractText(t: string): boolean {
  return t.length >= 150 && lineCost(t).abstract <= 2
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function asString(v: Json | undefined): string {
  return typeof v === 'string' ? v : ''
}

function authorNames(v: Json | undefined): string[] {
  if (!Array.isArray(v)) return []
  return v
    .map((a) =>
      typeof a === 'string' ? a : a && typeof a === 'object' && !Array.isArray(a) ? asString(a.name) : ''
    )
    .filter((a) => a !== '')
}

const MAX_JSON_NODES = 5_000_000

// Papers in embedded page data, in document order: any object with an arXiv `id` and a `title`.
function papersInJson(root: Json, into: Map<string, Found>): void {
  const stack: Json[] = [root]
  let visited = 0
  while (stack.length > 0 && visited++ < MAX_JSON_NODES) {
    const node = stack.pop()
    if (!node || typeof node !== 'object') continue
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i] ?? null)
      continue
    }
    const id = typeof node.id === 'string' ? normaliseArxivId(node.id) : null
    const title = asString(node.title)
    if (id !== null && title !== '') {
      const known = into.get(id)
      const abstract = asString(node.summary) || asString(node.abstract)
      if (!known) {
        into.set(id, {
          id,
          url: `https://huggingface.co/papers/${id}`,
          title,
          abstract,
          authors: authorNames(node.authors),
          hrefs: []
        })
      } else {
        if (known.abstract === '') known.abstract = abstract
        if (known.authors.length === 0) known.authors = authorNames(node.authors)
      }
    }
    const values = Object.values(node)
    for (let i = values.length - 1; i >= 0; i--) stack.push(values[i] ?? null)
  }
}

export function parse(source: string): FormatResult {
  const fromLinks = new Map<string, Found>()
  const fromData = new Map<string, Found>()
  let current = null as Found | null
  let anchor: { link: { id: string; url: string }; parts: string[] } | null = null
  let segment: string[] = []
  let segmentHrefs: string[] = []

  const flushSegment = (): void => {
    const hrefs = segmentHrefs
    segmentHrefs = []
    if (segment.length === 0) return
    const text = normaliseText(segment.join(''))
    segment = []
    if (current && current.abstract === '' && isAbstractText(text)) {
      current.abstract = text
      current.hrefs = hrefs
    }
  }

  for (const token of tokenize(source, true)) {
    if (token.kind === 'text') {
      if (anchor) anchor.parts.push(token.text)
      else segment.push(token.text)
      continue
    }
    if (token.kind === 'open') {
      const props = token.attrs.get('data-props')
      if (props !== undefined && props.includes('title')) {
        try {
          papersInJson(JSON.parse(decodeEntities(props)) as Json, fromData)
        } catch {
          // Embedded data is a bonus; the links still give every paper.
        }
      }
      if (token.name === 'a') {
        const href = attr(token.attrs, 'href')
        const link = paperLink(href)
        if (link) {
          flushSegment()
          if (current?.id !== link.id) current = fromLinks.get(link.id) ?? null
          anchor = { link, parts: [] }
          continue
        }
        if (!anchor) segmentHrefs.push(href)
      }
    }
    if (anchor && token.name === 'a' && token.kind === 'close') {
      const title = normaliseText(anchor.parts.join(''))
      const { id, url } = anchor.link
      anchor = null
      if (!isTitleText(title)) continue
      const known = fromLinks.get(id)
      if (known) {
        current = known
        continue
      }
      current = { id, url, title, abstract: '', authors: [], hrefs: [] }
      fromLinks.set(id, current)
      continue
    }
    const sep = separatorFor(token.name)
    if (anchor) anchor.parts.push(sep)
    else if (sep !== '') flushSegment()
  }
  flushSegment()

  const papers: ParsedPaper[] = []
  for (const found of fromLinks.values()) papers.push(...toPaper(found, fromData.get(found.id)))
  for (const data of fromData.values()) if (!fromLinks.has(data.id)) papers.push(...toPaper(data, undefined))
  return { papers, warnings: [] }
}

// The page's data has the full abstract and the authors; the link text is the title as shown.
function toPaper(found: Found, data: Found | undefined): ParsedPaper[] {
  const paper = buildPaper({
    title: found.title || data?.title || '',
    authors: found.authors.length > 0 ? found.authors : (data?.authors ?? []),
    abstract: data?.abstract || found.abstract,
    url: found.url,
    arxivId: found.id,
    linkText: data?.abstract ? '' : found.hrefs.join(' ')
  })
  return paper ? [paper] : []
}

/** Papers in parsed JSON data (a page's embedded props, Hugging Face's daily_papers API). */
export function papersInData(data: unknown): ParsedPaper[] {
  const found = new Map<string, Found>()
  papersInJson(data as Json, found)
  return [...found.values()].flatMap((f) => toPaper(f, undefined))
}

/** Whether text is an HTML document that links to Hugging Face or arXiv paper pages. */
export function looksLikeHfHtml(text: string): boolean {
  const head = text.slice(0, 1024 * 1024)
  // Structure, not a mention: a page or e-mail has elements with attributes or closing tags.
  return /<(?:html|body|head)\b|<a\s+href\s*=|<(?:div|table|td|span)\s+\w+\s*=|<\/(?:div|td|tr|a|p)>/i.test(
    head
  )
}
