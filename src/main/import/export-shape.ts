// The shapes of Papershelf's own JSON and CSV exports: the single source of truth for the exporter that
// writes them and the importers that read them back, so that an export re-imports without loss.
import { z } from 'zod'
import type { LinkKind } from '../../shared/types'

export const EXPORT_VERSION = 1

export interface ExportedPaper {
  id: number
  title: string
  authors: string[]
  abstract: string
  url: string | null
  arxivId: string | null
  doi: string | null
  links: { url: string; kind: LinkKind }[]
  read: boolean
  starred: boolean
  readAt: string | null
  starredAt: string | null
  tags: string[]
  note: string
  noteUpdatedAt: string | null
  addedAt: string
  /** Names of the digests the paper was imported from. */
  digests: string[]
}

export interface ExportFile {
  papershelf: typeof EXPORT_VERSION
  exportedAt: string
  papers: ExportedPaper[]
}

const LINK_KINDS = ['code', 'project', 'paper', 'other'] as const
const optionalText = z.string().nullable().catch(null).default(null)

/** A time as the app writes it (ISO 8601, UTC); a date or another offset is converted, anything else dropped. */
const isoTime = z.string().transform((s, ctx) => {
  const t = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: 'not a time' })
    return z.NEVER
  }
  return new Date(t).toISOString()
})
const optionalTime = isoTime.nullable().catch(null).default(null)

/**
 * One exported paper as the importer accepts it: every field but the title may be missing (older or
 * hand-edited files), unknown keys are dropped, and a malformed optional field falls back to its default.
 */
export const exportedPaperSchema = z.object({
  title: z.string().optional(),
  authors: z.array(z.string()).catch([]).default([]),
  abstract: z.string().catch('').default(''),
  url: optionalText,
  arxivId: optionalText,
  doi: optionalText,
  links: z
    .array(z.object({ url: z.string(), kind: z.enum(LINK_KINDS).catch('other') }))
    .catch([])
    .default([]),
  read: z.boolean().catch(false).default(false),
  starred: z.boolean().catch(false).default(false),
  readAt: optionalTime,
  starredAt: optionalTime,
  tags: z.array(z.string()).catch([]).default([]),
  note: z.string().catch('').default(''),
  noteUpdatedAt: optionalTime,
  addedAt: isoTime.optional().catch(undefined),
  digests: z.array(z.string()).catch([]).default([])
})

export const exportFileSchema = z.object({
  papershelf: z.number(),
  exportedAt: z.string().optional(),
  papers: z.array(z.unknown())
})

/** The CSV header, in order. */
export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'abstract',
  'url',
  'arxivId',
  'doi',
  'links',
  'read',
  'starred',
  'readAt',
  'starredAt',
  'tags',
  'note',
  'noteUpdatedAt',
  'addedAt',
  'digests'
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]

/** Joins authors, tags and digests in one cell; links are joined with a single space. */
export const CSV_LIST_SEPARATOR = '; '

// Cells a spreadsheet would run as a formula: "=", "+", "-", "@", and (as OWASP advises) a leading tab or
// line break. A leading run of quotes is included so that a value that really starts with "'=" also
// survives the round trip. "\n" is listed because the importer reads a "\r" as a line break.
const FORMULA = /^'*[=+\-@\t\r\n]/

/** Prefixes "'" to a cell a spreadsheet would read as a formula (CSV injection). */
export function neutraliseCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value
}

/** Undoes neutraliseCell: removes exactly one leading "'" when what follows would be a formula. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA.test(value.slice(1)) ? value.slice(1) : value
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const cell = neutraliseCell(value)
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** One CSV line (without the line break) for a paper, in CSV_COLUMNS order. */
export function csvRow(paper: ExportedPaper): string {
  const cells: Record<CsvColumn, string> = {
    id: String(paper.id),
    title: paper.title,
    authors: paper.authors.join(CSV_LIST_SEPARATOR),
    abstract: paper.abstract,
    url: paper.url ?? '',
    arxivId: paper.arxivId ?? '',
    doi: paper.doi ?? '',
    links: paper.links.map((l) => l.url).join(' '),
    read: String(paper.read),
    starred: String(paper.starred),
    readAt: paper.readAt ?? '',
    starredAt: paper.starredAt ?? '',
    tags: paper.tags.join(CSV_LIST_SEPARATOR),
    note: paper.note,
    noteUpdatedAt: paper.noteUpdatedAt ?? '',
    addedAt: paper.addedAt,
    digests: paper.digests.join(CSV_LIST_SEPARATOR)
  }
  return CSV_COLUMNS.map((column) => csvField(cells[column])).join(',')
}
