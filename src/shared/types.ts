// Domain types shared by every process. Pure TypeScript: no Node, Electron or DOM imports.

export type LinkKind = 'code' | 'project' | 'paper' | 'other'

export interface Link {
  url: string
  kind: LinkKind
}

export type View = 'all' | 'unread' | 'read' | 'starred' | 'notes'
export type SortOrder = 'digest' | 'newest' | 'title'

/** One row of a list: small on purpose, the list never carries abstracts. */
export interface PaperSummary {
  id: number
  title: string
  authors: string[]
  read: boolean
  starred: boolean
  hasNote: boolean
  tags: string[]
  /** The start of the abstract, for rows of papers whose digest named no authors. */
  excerpt: string
  /** Search only: the abstract fragment around the match, with matches wrapped in \u0002 … \u0003. */
  snippet?: string
  /** Search only: the title with matches wrapped the same way. */
  markedTitle?: string
}

export interface DigestRef {
  id: number
  name: string
  importedAt: string
}

export interface Paper {
  id: number
  title: string
  authors: string[]
  abstract: string
  url: string | null
  arxivId: string | null
  doi: string | null
  links: Link[]
  read: boolean
  starred: boolean
  readAt: string | null
  starredAt: string | null
  tags: string[]
  note: string
  noteUpdatedAt: string | null
  addedAt: string
  digests: DigestRef[]
}

export interface DigestInfo {
  id: number
  name: string
  source: string | null
  format: string
  importedAt: string
  found: number
  added: number
  duplicates: number
  total: number
  read: number
}

export interface TagInfo {
  id: number
  name: string
  color: string | null
  count: number
}

export interface Counts {
  all: number
  unread: number
  read: number
  starred: number
  notes: number
  digests: DigestInfo[]
  tags: TagInfo[]
}

export interface ImportSummary {
  digestId: number
  format: string
  found: number
  added: number
  duplicates: number
  warnings: string[]
}

/** The longest note the app saves (characters); imported notes are cut to it. */
export const NOTE_MAX_CHARS = 1_000_000
