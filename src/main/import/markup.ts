// A small, tolerant tokenizer for HTML and XML (feeds, saved pages, e-mails). No DOM in the main
// process: it only has to find elements, attributes and text, and it never throws on broken markup.
// Text is handed over still entity-encoded; normaliseText decodes it exactly once.
import { decodeEntities } from './entities'

export type Token =
  | { kind: 'open'; name: string; attrs: Map<string, string>; selfClosing: boolean; pos: number }
  | { kind: 'close'; name: string; pos: number }
  | { kind: 'text'; text: string; pos: number }

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 58
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12
}

/** Escapes text that is already literal (CDATA) so that it can travel with entity-encoded text. */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

// Elements whose content is text, never markup (HTML's raw-text and RCDATA elements, and the legacy ones).
const RAW_TEXT = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'plaintext',
  'noscript',
  'iframe',
  'noembed',
  'noframes'
])

function readName(src: string, i: number): number {
  let j = i
  while (j < src.length && isNameChar(src.charCodeAt(j))) j++
  return j
}

function parseOpenTag(src: string, lt: number): { token: Token; end: number } {
  const nameEnd = readName(src, lt + 1)
  const name = src.slice(lt + 1, nameEnd).toLowerCase()
  const attrs = new Map<string, string>()
  let i = nameEnd
  let selfClosing = false
  const n = src.length
  while (i < n) {
    const c = src.charCodeAt(i)
    if (isSpace(c)) {
      i++
      continue
    }
    if (c === 62) return { token: { kind: 'open', name, attrs, selfClosing, pos: lt }, end: i + 1 }
    if (c === 47) {
      selfClosing = src.charCodeAt(i + 1) === 62
      i++
      continue
    }
    let j = i
    while (j < n) {
      const d = src.charCodeAt(j)
      if (isSpace(d) || d === 61 || d === 62 || (d === 47 && src.charCodeAt(j + 1) === 62)) break
      j++
    }
    const attr = src.slice(i, Math.max(j, i + 1)).toLowerCase()
    i = Math.max(j, i + 1)
    while (i < n && isSpace(src.charCodeAt(i))) i++
    let value = ''
    if (src.charCodeAt(i) === 61) {
      i++
      while (i < n && isSpace(src.charCodeAt(i))) i++
      const q = src.charCodeAt(i)
      if (q === 34 || q === 39) {
        const close = src.indexOf(q === 34 ? '"' : "'", i + 1)
        if (close < 0) {
          // An unclosed quote: the value runs to the end of the tag, as far as we can tell.
          const gt = src.indexOf('>', i + 1)
          const stop = gt < 0 ? n : gt
          value = src.slice(i + 1, stop)
          i = stop
        } else {
          value = src.slice(i + 1, close)
          i = close + 1
        }
      } else {
        let k = i
        while (k < n && !isSpace(src.charCodeAt(k)) && src.charCodeAt(k) !== 62) k++
        value = src.slice(i, k)
        i = k
      }
    }
    if (!attrs.has(attr)) attrs.set(attr, value)
    selfClosing = false
  }
  return { token: { kind: 'open', name, attrs, selfClosing, pos: lt }, end: n }
}

// Finds "</name" case-insensitively for raw-text elements without lower-casing the whole document.
function findClosing(src: string, from: number, name: string): number {
  for (let i = src.indexOf('</', from); i >= 0; i = src.indexOf('</', i + 2)) {
    if (src.slice(i + 2, i + 2 + name.length).toLowerCase() === name) return i
  }
  return -1
}

/** Tokens of an HTML or XML document, in order. Comments, doctypes and processing instructions are skipped. */
export function* tokenize(src: string, html: boolean): Generator<Token> {
  const n = src.length
  let i = 0
  let textStart = 0
  while (i < n) {
    const lt = src.indexOf('<', i)
    if (lt < 0) break
    const next = src.charCodeAt(lt + 1)
    let token: Token | null = null
    let end: number
    if (isNameStart(next)) {
      const open = parseOpenTag(src, lt)
      token = open.token
      end = open.end
      if (html && token.kind === 'open' && RAW_TEXT.has(token.name) && !token.selfClosing) {
        const close = findClosing(src, end, token.name)
        end = close < 0 ? n : close
      }
    } else if (next === 47 && isNameStart(src.charCodeAt(lt + 2))) {
      const nameEnd = readName(src, lt + 2)
      token = { kind: 'close', name: src.slice(lt + 2, nameEnd).toLowerCase(), pos: lt }
      const gt = src.indexOf('>', nameEnd)
      end = gt < 0 ? n : gt + 1
    } else if (src.startsWith('<!--', lt)) {
      const close = src.indexOf('-->', lt + 4)
      end = close < 0 ? n : close + 3
    } else if (src.startsWith('<![CDATA[', lt)) {
      const close = src.indexOf(']]>', lt + 9)
      token = { kind: 'text', text: escapeText(src.slice(lt + 9, close < 0 ? n : close)), pos: lt }
      end = close < 0 ? n : close + 3
    } else if (next === 33 || next === 63) {
      const gt = src.indexOf('>', lt + 2)
      end = gt < 0 ? n : gt + 1
    } else {
      // A "<" that starts no tag ("x < y") is text.
      i = lt + 1
      continue
    }
    if (lt > textStart) yield { kind: 'text', text: src.slice(textStart, lt), pos: textStart }
    if (token) yield token
    i = textStart = end
  }
  if (textStart < n) yield { kind: 'text', text: src.slice(textStart), pos: textStart }
}

/** "dc:creator" → "creator": feeds use prefixes freely, and the local name is what identifies a field. */
function localName(name: string): string {
  const colon = name.lastIndexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

// Inline elements join their text to the surrounding words; everything else separates words.
const INLINE = new Set(
  'a abbr b bdi bdo big cite code data dfn em font i kbd mark q s samp small span strong sub sup time tt u var wbr mi mn mo msub msup mrow'.split(
    ' '
  )
)

export function separatorFor(name: string): string {
  return INLINE.has(localName(name)) ? '' : ' '
}

/**
 * The text of an HTML fragment, still entity-encoded, with block boundaries turned into spaces. The
 * targets of its links are added to `hrefs`: a link's text ("code") rarely shows its URL.
 */
export function htmlToText(html: string, hrefs?: string[]): string {
  const parts: string[] = []
  for (const token of tokenize(html, true)) {
    if (token.kind === 'text') parts.push(token.text)
    else parts.push(separatorFor(token.name))
    if (hrefs && token.kind === 'open' && token.name === 'a') hrefs.push(attr(token.attrs, 'href'))
  }
  return parts.join('')
}

const HTML_TAG =
  /<\/?(?:p|br|a|div|span|i|b|em|strong|sub|sup|ul|ol|li|img|h[1-6]|table|tr|td|code|pre|blockquote|font|hr)\b[^<>]{0,500}>/i

/** Whether decoded text holds real HTML markup (and not just "x < y"). */
export function looksLikeHtml(s: string): boolean {
  return s.includes('<') && HTML_TAG.test(s)
}

export interface MarkupField {
  /** Local names from the record down, e.g. "title", "author/name". */
  path: string
  attrs: Map<string, string>
  /** Entity-encoded text of the element and its descendants. */
  text: string
}

export interface MarkupRecord {
  line: number
  attrs: Map<string, string>
  fields: MarkupField[]
}

interface Frame {
  name: string
  path: string
  attrs: Map<string, string>
  parts: string[]
}

const MAX_FRAMES = 12

/** Counts lines up to increasing positions with one pass over the text overall. */
export class LineCounter {
  private line = 1
  // The next line break not yet counted; remembering it keeps a one-line document linear too.
  private next: number

  constructor(private readonly src: string) {
    this.next = src.indexOf('\n')
  }

  at(pos: number): number {
    while (this.next >= 0 && this.next < pos) {
      this.line++
      this.next = this.src.indexOf('\n', this.next + 1)
    }
    return this.line
  }
}

/**
 * Collects the elements named `recordNames` (by local name: "item", "entry") with every element inside
 * them as a field. Tolerant: unclosed elements are closed by their parent's end tag or the end of input.
 */
export function collectRecords(src: string, recordNames: ReadonlySet<string>): MarkupRecord[] {
  const records: MarkupRecord[] = []
  const lines = new LineCounter(src)
  let frames: Frame[] = []
  let current: MarkupRecord | null = null

  const closeTo = (k: number): void => {
    while (frames.length > k) {
      const frame = frames.pop()
      if (!frame || !current) return
      const text = frame.parts.join('')
      const parent = frames[frames.length - 1]
      if (!parent) {
        records.push(current)
        current = null
        return
      }
      current.fields.push({ path: frame.path, attrs: frame.attrs, text })
      // Only fields use their descendants' text; the record's own would be the whole record again.
      if (frames.length > 1) {
        const sep = separatorFor(frame.name)
        parent.parts.push(sep, text, sep)
      }
    }
  }

  for (const token of tokenize(src, false)) {
    if (token.kind === 'text') {
      frames[frames.length - 1]?.parts.push(token.text)
      continue
    }
    const name = localName(token.name)
    if (token.kind === 'open') {
      if (!current) {
        if (!recordNames.has(name)) continue
        current = { line: lines.at(token.pos), attrs: token.attrs, fields: [] }
        frames = [{ name, path: '', attrs: token.attrs, parts: [] }]
        if (token.selfClosing) closeTo(0)
        continue
      }
      const parent = frames[frames.length - 1]
      if (!parent || frames.length >= MAX_FRAMES) {
        parent?.parts.push(' ')
        continue
      }
      frames.push({
        name,
        path: parent.path ? `${parent.path}/${name}` : name,
        attrs: token.attrs,
        parts: []
      })
      if (token.selfClosing) closeTo(frames.length - 1)
      continue
    }
    if (!current) continue
    for (let k = frames.length - 1; k >= 0; k--) {
      if (frames[k]?.name === name) {
        closeTo(k)
        break
      }
    }
  }
  closeTo(0)
  return records
}

/**
 * The entity-encoded text of a field that may carry escaped HTML (RSS descriptions, Atom type="html"):
 * the markup is removed, and the text is still decoded exactly once, by normaliseText.
 */
export function fieldText(text: string, html: boolean, hrefs?: string[]): string {
  if (!html || !text.includes('&lt;')) return text
  const decoded = decodeEntities(text)
  return looksLikeHtml(decoded) ? htmlToText(decoded, hrefs) : text
}

/** All fields at `path`, in document order. */
export function fieldsAt(record: MarkupRecord, path: string): MarkupField[] {
  return record.fields.filter((f) => f.path === path)
}

/** The first field at `path`, or null. */
export function fieldAt(record: MarkupRecord, path: string): MarkupField | null {
  return record.fields.find((f) => f.path === path) ?? null
}

/** An attribute value with its character references decoded. */
export function attr(attrs: Map<string, string>, name: string): string {
  return decodeEntities(attrs.get(name) ?? '')
}
