import type { Link } from '../../shared/types'

export const FORMATS = [
  'hf-text',
  'hf-html',
  'arxiv-email',
  'rss',
  'atom',
  'bibtex',
  'ris',
  'csv',
  'json'
] as const
export type FormatName = (typeof FORMATS)[number]

/** State carried by Papershelf's own CSV/JSON exports, so an export re-imports without loss. */
export interface ParsedState {
  read?: boolean
  starred?: boolean
  readAt?: string | null
  starredAt?: string | null
  note?: string
  noteUpdatedAt?: string | null
  tags?: string[]
  addedAt?: string
  /** Names of the digests the paper came from in the library it was exported from. */
  digests?: string[]
}

/** One paper as a parser hands it over: text already decoded, LaTeX/HTML folded, NFC, trimmed. */
export interface ParsedPaper {
  title: string
  authors: string[]
  abstract: string
  url: string | null
  /** Bare arXiv id without version, e.g. "2406.12345" or "hep-th/9901001". */
  arxivId: string | null
  /** Lower-cased DOI without a resolver prefix, e.g. "10.1145/3292500.3330701". */
  doi: string | null
  links: Link[]
  state?: ParsedState
}

export interface ParseOutcome {
  format: FormatName
  papers: ParsedPaper[]
  /** One sentence each, naming the record when it can (e.g. "Entry 12 has no title and was skipped."). */
  warnings: string[]
}

/** Input that cannot be imported at all. The message is one specific sentence shown to the user. */
export class ImportError extends Error {
  override name = 'ImportError'
}
