// JSON: Papershelf's own export ({ papershelf: 1, exportedAt, papers: [...] } or a bare array of papers),
// validated with zod so that unknown keys are dropped and nothing is ever merged onto live objects.
// Other JSON holding paper objects with an arXiv "id" and a "title" (Hugging Face's daily_papers API)
// is read too.
import { EXPORT_VERSION, exportFileSchema, exportedPaperSchema } from '../export-shape'
import { buildPaper, type FormatResult } from '../record'
import { clean } from '../decode'
import { ImportError, type ParsedState } from '../types'
import { papersInData } from './hf-html'

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function ownPapers(list: unknown[]): FormatResult {
  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  list.forEach((item, i) => {
    const parsed = exportedPaperSchema.safeParse(item)
    if (!parsed.success) {
      warnings.push(`Paper ${i + 1} is not a paper record and was skipped.`)
      return
    }
    const p = parsed.data
    const state: ParsedState = {
      read: p.read,
      starred: p.starred,
      readAt: p.readAt,
      starredAt: p.starredAt,
      note: p.note,
      noteUpdatedAt: p.noteUpdatedAt,
      tags: p.tags,
      digests: p.digests
    }
    if (p.addedAt) state.addedAt = p.addedAt
    const paper = buildPaper(
      {
        title: p.title ?? '',
        authors: p.authors,
        abstract: p.abstract,
        url: p.url,
        arxivId: p.arxivId,
        doi: p.doi,
        links: p.links,
        state
      },
      { markup: false }
    )
    if (paper) papers.push(paper)
    else warnings.push(`Paper ${i + 1} has no title and was skipped.`)
  })
  return { papers, warnings }
}

export function parse(text: string): FormatResult {
  let data: unknown
  try {
    // "\u0000"-style escapes would bring back the control characters decoding removed from the bytes.
    data = JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value))
  } catch {
    throw new ImportError('This file looks like JSON but cannot be read; it may be incomplete or damaged.')
  }
  const file = exportFileSchema.safeParse(data)
  if (file.success) {
    if (file.data.papershelf > EXPORT_VERSION) {
      throw new ImportError(
        'This file was exported by a newer version of Papershelf; update Papershelf to import it.'
      )
    }
    return ownPapers(file.data.papers)
  }
  if (
    Array.isArray(data) &&
    data.some((item) => isObject(item) && typeof item.title === 'string' && !('paper' in item))
  ) {
    return ownPapers(data)
  }
  return { papers: papersInData(data), warnings: [] }
}

/** Whether text is JSON that starts like an object or an array of objects. */
export function looksLikeJson(text: string): boolean {
  const head = text.slice(0, 200).trimStart()
  return /^\{\s*("|\})/.test(head) || /^\[\s*(\{|\])/.test(head)
}
