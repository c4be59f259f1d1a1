// arXiv's classic daily listing e-mail. Each entry:
//   \\
//   arXiv:2406.12345
//   Date: Mon, 17 Jun 2024 17:59:59 GMT   (1234kb,D)
//
//   Title: A title that may wrap
//     onto indented lines
//   Authors: A. Smith, B. Jones and C. Wu
//   Categories: cs.CL cs.LG
//   Comments: 12 pages
//   \\
//     The abstract, wrapped at 80 columns ...
//   \\ ( https://arxiv.org/abs/2406.12345 ,  1234kb)
// Entries are separated by dashed rules; cross-lists and replacements use %-%- rules and may lack an
// abstract.
import { buildPaper, skipped, splitAuthors, type FormatResult } from '../record'

const ENTRY_START = /^(?:arXiv:|Paper(?: \(\*cross-listing\*\))?:\s*)(\S+)/
const FIELD = /^([A-Za-z][A-Za-z-]{0,30}):\s?(.*)$/
const RULE = /^(?:-{20,}|%-%-%-|%%--%%--|%%%---)/

interface Entry {
  id: string
  line: number
  fields: Map<string, string>
  lastField: string | null
  abstract: string[]
  url: string | null
  state: 'header' | 'abstract' | 'done'
}

function linkLineUrl(line: string): string | null {
  const match = /\(\s*(https?:\/\/\S+?)\s*,/.exec(line.slice(0, 500))
  return match?.[1] ?? null
}

export function parse(text: string): FormatResult {
  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  let entry: Entry | null = null

  const flush = (): void => {
    if (!entry) return
    const e = entry
    entry = null
    const field = (name: string): string => e.fields.get(name) ?? ''
    const paper = buildPaper({
      title: field('title'),
      authors: splitAuthors(field('authors') || field('author')),
      abstract: e.abstract.join(' '),
      url: e.url ?? `https://arxiv.org/abs/${e.id}`,
      arxivId: e.id,
      doi: field('doi') || null,
      linkText: field('comments')
    })
    if (paper) papers.push(paper)
    else warnings.push(skipped(`arXiv:${e.id}`, e.line))
  }

  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? ''
    const line = raw.trimEnd()
    // Inside an abstract only its closing "\\" (or a rule) ends it: an abstract line may begin "arXiv:".
    if (entry?.state === 'abstract' && !RULE.test(line)) {
      const trimmed = line.trim()
      if (trimmed.startsWith('\\\\')) {
        entry.url = linkLineUrl(trimmed) ?? entry.url
        entry.state = 'done'
      } else {
        entry.abstract.push(trimmed)
      }
      continue
    }
    const start = ENTRY_START.exec(line.slice(0, 200))
    if (start) {
      flush()
      entry = {
        id: start[1] ?? '',
        line: i + 1,
        fields: new Map(),
        lastField: null,
        abstract: [],
        url: null,
        state: 'header'
      }
      continue
    }
    if (RULE.test(line)) {
      flush()
      continue
    }
    if (!entry) continue
    const trimmed = line.trim()
    if (entry.state === 'done') continue
    if (trimmed === '\\\\') {
      entry.state = 'abstract'
      continue
    }
    if (trimmed.startsWith('\\\\')) {
      // A replacement without an abstract ends on its link line.
      entry.url = linkLineUrl(trimmed) ?? entry.url
      entry.state = 'done'
      continue
    }
    const field = raw.startsWith(' ') || raw.startsWith('\t') ? null : FIELD.exec(line.slice(0, 10_000))
    if (field) {
      const name = (field[1] ?? '').toLowerCase()
      entry.fields.set(name, field[2] ?? '')
      entry.lastField = name
    } else if (trimmed !== '' && entry.lastField && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      const name = entry.lastField
      entry.fields.set(name, `${entry.fields.get(name) ?? ''} ${trimmed}`)
    } else if (trimmed === '') {
      entry.lastField = null
    }
  }
  flush()
  return { papers, warnings }
}

/** Whether text looks like an arXiv listing: entry lines ("arXiv:…") with "Title:" fields. */
export function looksLikeArxivEmail(text: string): boolean {
  const head = text.slice(0, 256 * 1024)
  return /^(?:arXiv:\d|arXiv:[a-z-]+\/\d|Paper:)/m.test(head) && /^Title: /m.test(head)
}
