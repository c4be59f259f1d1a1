// RIS, the tagged format reference managers (Zotero, EndNote, Mendeley) import: "TI  - value" lines,
// one record per paper from TY to ER, CRLF line ends as in the format's specification.
import type { Paper } from '../../shared/types'
import { arxivYear } from './bibtex'

export interface RisOptions {
  /** Write each reading note as N1 (reference managers import it as a note). Default true. */
  includeNotes?: boolean
}

export function toRis(papers: Paper[], options: RisOptions = {}): string {
  return papers.map((p) => record(p, options.includeNotes ?? true)).join('\r\n')
}

function record(p: Paper, includeNotes: boolean): string {
  const lines: string[] = []
  const add = (tag: string, value: string | null): void => {
    const v = value === null ? '' : oneLine(value)
    if (v !== '') lines.push(`${tag}  - ${v}`)
  }
  // A DOI suggests a published article; anything else (mostly preprints) is a generic reference.
  add('TY', p.doi ? 'JOUR' : 'GEN')
  add('TI', p.title)
  for (const author of p.authors) add('AU', author)
  add('PY', arxivYear(p.arxivId))
  add('AB', p.abstract)
  add('UR', p.url)
  // The arXiv page too, unless the URL is already on arXiv: it is the link reference managers know.
  if (p.arxivId && !/^https?:\/\/(?:[a-z]+\.)?arxiv\.org\//i.test(p.url ?? '')) {
    add('UR', `https://arxiv.org/abs/${p.arxivId}`)
  }
  add('DO', p.doi)
  for (const tag of p.tags) add('KW', tag)
  if (includeNotes) add('N1', p.note)
  lines.push('ER  - ')
  return lines.map((l) => `${l}\r\n`).join('')
}

/** RIS values are one line each: a line break inside one would start a line read as a new tag. */
function oneLine(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim()
}
