// Export entry point: papers (as getPaper returns them) in, the text of one file out. Pure functions: the
// caller chooses which papers, and where the file goes.
import type { Paper } from '../../shared/types'
import { toBibtex } from './bibtex'
import { toCsv } from './csv'
import { toJson } from './json'
import { toMarkdown, type MarkdownGrouping } from './markdown'
import { toRis } from './ris'

export const EXPORT_FORMATS = ['bibtex', 'ris', 'csv', 'json', 'markdown'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportOptions {
  /** BibTeX (as annote) and RIS (as N1): include reading notes. Default true. */
  includeNotes?: boolean
  /** Markdown: sections by tag (default) or by digest. */
  groupBy?: MarkdownGrouping
  /** JSON: the exportedAt time. Default now. */
  now?: Date
}

export function exportPapers(papers: Paper[], format: ExportFormat, options: ExportOptions = {}): string {
  switch (format) {
    case 'bibtex':
      return toBibtex(papers, { includeNotes: options.includeNotes ?? true })
    case 'ris':
      return toRis(papers, { includeNotes: options.includeNotes ?? true })
    case 'csv':
      return toCsv(papers)
    case 'json':
      return toJson(papers, options.now)
    case 'markdown':
      return toMarkdown(papers, { groupBy: options.groupBy ?? 'tag' })
  }
}

const EXTENSIONS: Record<ExportFormat, string> = {
  bibtex: 'bib',
  ris: 'ris',
  csv: 'csv',
  json: 'json',
  markdown: 'md'
}

/** The file name extension, without the dot. */
export function fileExtension(format: ExportFormat): string {
  return EXTENSIONS[format]
}
