// BibTeX: @type{key, field = {…} # "…" # macro, …}. Braced or quoted values with nested braces,
// @string macros and # concatenation; @comment and @preamble are skipped. Each entry is parsed only up
// to the next line that starts with "@", so one unbalanced brace costs one entry, not the rest of the file.
import { LineCounter } from '../markup'
import { normaliseArxivId } from '../normalise'
import { buildPaper, personName, type FormatResult } from '../record'

const MONTHS = 'january february march april may june july august september october november december'.split(
  ' '
)

function isIdentChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 58 ||
    c === 46 ||
    c === 43 ||
    c === 47
  )
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

class Reader {
  constructor(
    readonly s: string,
    public pos: number,
    readonly end: number
  ) {}

  skipSpace(): void {
    while (this.pos < this.end && isSpace(this.s.charCodeAt(this.pos))) this.pos++
  }

  ident(): string {
    const start = this.pos
    while (this.pos < this.end && isIdentChar(this.s.charCodeAt(this.pos))) this.pos++
    return this.s.slice(start, this.pos)
  }

  peek(): string {
    return this.pos < this.end ? (this.s[this.pos] ?? '') : ''
  }

  /** A braced group at pos; returns its inside, or null when it does not close before the end. */
  braced(): string | null {
    let depth = 0
    const start = this.pos + 1
    for (let i = this.pos; i < this.end; i++) {
      const c = this.s.charCodeAt(i)
      if (c === 92) i++
      else if (c === 123) depth++
      else if (c === 125 && --depth === 0) {
        this.pos = i + 1
        return this.s.slice(start, i)
      }
    }
    return null
  }

  /** A quoted string at pos: a `"` inside braces does not end it. */
  quoted(): string | null {
    let depth = 0
    const start = this.pos + 1
    for (let i = start; i < this.end; i++) {
      const c = this.s.charCodeAt(i)
      if (c === 92) i++
      else if (c === 123) depth++
      else if (c === 125) depth = Math.max(0, depth - 1)
      else if (c === 34 && depth === 0) {
        this.pos = i + 1
        return this.s.slice(start, i)
      }
    }
    return null
  }

  /** value = part ("#" part)*, with macros expanded; null on a syntax error. */
  value(macros: Map<string, string>): string | null {
    let out = ''
    for (;;) {
      this.skipSpace()
      const ch = this.peek()
      let part: string | null
      if (ch === '{') part = this.braced()
      else if (ch === '"') part = this.quoted()
      else {
        const name = this.ident()
        if (name === '') return null
        part = /^\d+$/.test(name) ? name : (macros.get(name.toLowerCase()) ?? name)
      }
      if (part === null) return null
      out += part
      this.skipSpace()
      if (this.peek() !== '#') return out
      this.pos++
    }
  }
}

interface Entry {
  type: string
  key: string
  fields: Map<string, string>
}

// Fields of one entry; stops quietly at the first syntax error and keeps what came before it.
function readFields(r: Reader, close: string, macros: Map<string, string>): Map<string, string> {
  const fields = new Map<string, string>()
  for (;;) {
    r.skipSpace()
    while (r.peek() === ',') {
      r.pos++
      r.skipSpace()
    }
    if (r.peek() === close || r.peek() === '') {
      r.pos++
      return fields
    }
    const name = r.ident().toLowerCase()
    r.skipSpace()
    if (name === '' || r.peek() !== '=') return fields
    r.pos++
    const value = r.value(macros)
    if (value === null) return fields
    if (!fields.has(name)) fields.set(name, value)
  }
}

// Parses entries starting at "@" characters within [start, end).
function readEntries(s: string, start: number, end: number, macros: Map<string, string>, out: Entry[]): void {
  let at = s.indexOf('@', start)
  while (at >= 0 && at < end) {
    const r = new Reader(s, at + 1, end)
    r.skipSpace()
    const type = r.ident().toLowerCase()
    r.skipSpace()
    const open = r.peek()
    if (type === '' || (open !== '{' && open !== '(')) {
      at = s.indexOf('@', at + 1)
      continue
    }
    const close = open === '{' ? '}' : ')'
    if (type === 'comment' || type === 'preamble') {
      if (open === '{' && r.braced() !== null) at = s.indexOf('@', r.pos)
      else at = s.indexOf('@', at + 1)
      continue
    }
    r.pos++
    if (type === 'string') {
      readFields(r, close, macros).forEach((value, name) => macros.set(name, value))
      at = s.indexOf('@', r.pos)
      continue
    }
    r.skipSpace()
    const keyStart = r.pos
    while (r.pos < end && r.peek() !== ',' && r.peek() !== close && !isSpace(s.charCodeAt(r.pos))) r.pos++
    const key = s.slice(keyStart, r.pos)
    const fields = readFields(r, close, macros)
    out.push({ type, key, fields })
    at = s.indexOf('@', Math.max(r.pos, at + 1))
  }
}

/** Offsets of the lines whose first non-blank character is "@". */
function entryLines(s: string): number[] {
  const starts: number[] = []
  let line = 0
  while (line < s.length) {
    let i = line
    while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++
    if (s.charCodeAt(i) === 64) starts.push(i)
    const nl = s.indexOf('\n', i)
    if (nl < 0) break
    line = nl + 1
  }
  return starts
}

/** Splits "A and B and {Barnes and Noble}" at top-level " and " (any case). */
function splitNames(field: string): string[] {
  const names: string[] = []
  const s = field.replace(/\s+/g, ' ')
  let depth = 0
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '{') depth++
    else if (c === '}') depth = Math.max(0, depth - 1)
    else if (depth === 0 && c === ' ' && s.slice(i, i + 5).toLowerCase() === ' and ') {
      names.push(s.slice(start, i))
      start = i + 5
      i += 4
    }
  }
  names.push(s.slice(start))
  return names.map((n) => n.trim()).filter((n) => n !== '' && n.toLowerCase() !== 'others')
}

// URL fields are verbatim in biblatex but often carry LaTeX escapes in BibTeX files.
function cleanUrlField(value: string): string {
  const inner = /\\url\{([^{}]*)\}/.exec(value)?.[1] ?? value
  return inner
    .replace(/\\([_%&#~$])/g, '$1')
    .replace(/[{}]/g, '')
    .trim()
}

function arxivIdOf(fields: Map<string, string>): string | null {
  const eprint = fields.get('eprint') ?? ''
  const prefix = (fields.get('archiveprefix') ?? fields.get('eprinttype') ?? '').toLowerCase()
  const candidates = [
    fields.get('arxivid'),
    fields.get('arxiv'),
    prefix.includes('arxiv') || !prefix ? eprint : ''
  ]
  // Google Scholar writes "journal = {arXiv preprint arXiv:2406.12345}".
  const journal = /arXiv:\s*(\S+)/i.exec(fields.get('journal') ?? fields.get('note') ?? '')
  if (journal?.[1]) candidates.push(journal[1].replace(/[},.]+$/, ''))
  for (const c of candidates) {
    const id = c ? normaliseArxivId(cleanUrlField(c)) : null
    if (id) return id
  }
  return null
}

export function parse(text: string): FormatResult {
  const macros = new Map<string, string>(MONTHS.map((m) => [m.slice(0, 3), m[0]?.toUpperCase() + m.slice(1)]))
  const entries: { entry: Entry; line: number }[] = []
  const starts = entryLines(text)
  const lines = new LineCounter(text)
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? text.length
    const found: Entry[] = []
    readEntries(text, start, end, macros, found)
    const line = lines.at(start)
    for (const entry of found) entries.push({ entry, line })
  })

  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  entries.forEach(({ entry, line }, index) => {
    const f = entry.fields
    const url = f.get('url') ?? /\\url\{[^{}]*\}/.exec(f.get('howpublished') ?? '')?.[0]
    const paper = buildPaper(
      {
        title: f.get('title') ?? '',
        authors: splitNames(f.get('author') ?? f.get('editor') ?? '').map(personName),
        abstract: f.get('abstract') ?? '',
        url: url ? cleanUrlField(url) : null,
        arxivId: arxivIdOf(f),
        doi: f.has('doi') ? cleanUrlField(f.get('doi') ?? '') : null
      },
      { bibtex: true }
    )
    if (paper) papers.push(paper)
    else {
      const key = entry.key ? `, key ${entry.key}` : ''
      warnings.push(`Entry ${index + 1} (line ${line}${key}) has no title and was skipped.`)
    }
  })
  return { papers, warnings }
}

/** Whether text holds BibTeX entries: a line starting with "@type{" or "@type(". */
export function looksLikeBibtex(text: string): boolean {
  return /^[ \t]*@[ \t]*[a-zA-Z]+[ \t]*[{(]/m.test(text.slice(0, 256 * 1024))
}
