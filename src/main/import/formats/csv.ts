// CSV (RFC 4180), first of all Papershelf's own export (see export-shape.ts), which re-imports with its
// reading state. Any other CSV with a "title" column is read too, without state.
import { CSV_COLUMNS, CSV_LIST_SEPARATOR, restoreCell, type CsvColumn } from '../export-shape'
import { classifyLink } from '../links'
import type { NormaliseOptions } from '../normalise'
import { buildPaper, type FormatResult } from '../record'
import type { ParsedState } from '../types'

interface Row {
  line: number
  cells: string[]
}

/** Rows of an RFC 4180 document: quoted fields may hold commas, doubled quotes and line breaks. */
export function csvRows(s: string): Row[] {
  const rows: Row[] = []
  const n = s.length
  let cells: string[] = []
  let line = 1
  let rowLine = 1
  let i = 0
  // Next comma and line break, remembered so that a file without commas is still scanned once.
  let comma = s.indexOf(',')
  let newline = s.indexOf('\n')
  while (i <= n) {
    let value: string
    if (s.charCodeAt(i) === 34) {
      value = ''
      let j = i + 1
      for (;;) {
        const q = s.indexOf('"', j)
        const chunk = q < 0 ? s.slice(j) : s.slice(j, q)
        value += chunk
        for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++
        if (q < 0) {
          i = n
          break
        }
        if (s.charCodeAt(q + 1) === 34) {
          value += '"'
          j = q + 2
          continue
        }
        i = q + 1
        break
      }
      if (comma >= 0 && comma < i) comma = s.indexOf(',', i)
      if (newline >= 0 && newline < i) newline = s.indexOf('\n', i)
      // Tolerate text between the closing quote and the separator.
      const stop = Math.min(comma < 0 ? n : comma, newline < 0 ? n : newline)
      value += s.slice(i, stop)
      i = stop
    } else {
      if (comma >= 0 && comma < i) comma = s.indexOf(',', i)
      if (newline >= 0 && newline < i) newline = s.indexOf('\n', i)
      const stop = Math.min(comma < 0 ? n : comma, newline < 0 ? n : newline)
      value = s.slice(i, stop)
      i = stop
    }
    cells.push(value)
    if (i < n && s.charCodeAt(i) === 44) {
      i++
      continue
    }
    rows.push({ line: rowLine, cells })
    cells = []
    line++
    rowLine = line
    i++
  }
  return rows
}

const COLUMN_BY_NAME = new Map<string, CsvColumn>(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]))

function list(value: string): string[] {
  return value
    .split(CSV_LIST_SEPARATOR.trim())
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function bool(value: string): boolean {
  return /^(true|1|yes)$/i.test(value.trim())
}

export function parse(text: string): FormatResult {
  const rows = csvRows(text)
  const header = rows[0]
  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  if (!header) return { papers, warnings }
  const index = new Map<CsvColumn, number>()
  header.cells.forEach((name, i) => {
    const column = COLUMN_BY_NAME.get(name.trim().toLowerCase())
    if (column && !index.has(column)) index.set(column, i)
  })
  if (!index.has('title')) return { papers, warnings }
  // Papershelf's own export is already clean text; anything else may carry markup.
  const own = CSV_COLUMNS.every((c) => index.has(c))
  const opts: NormaliseOptions = own ? { markup: false } : {}

  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]
    if (!row || (row.cells.length === 1 && (row.cells[0] ?? '').trim() === '')) continue
    const cell = (column: CsvColumn): string | undefined => {
      const i = index.get(column)
      return i === undefined ? undefined : restoreCell(row.cells[i] ?? '')
    }
    const orNull = (column: CsvColumn): string | null => cell(column)?.trim() || null
    const links = cell('links')
    const state: ParsedState = {}
    const read = cell('read')
    const starred = cell('starred')
    const note = cell('note')
    const tags = cell('tags')
    const addedAt = cell('addedAt')?.trim()
    const digests = cell('digests')
    if (read !== undefined) state.read = bool(read)
    if (starred !== undefined) state.starred = bool(starred)
    if (index.has('readAt')) state.readAt = orNull('readAt')
    if (index.has('starredAt')) state.starredAt = orNull('starredAt')
    if (note !== undefined) state.note = note
    if (index.has('noteUpdatedAt')) state.noteUpdatedAt = orNull('noteUpdatedAt')
    if (tags !== undefined) state.tags = list(tags)
    if (addedAt) state.addedAt = addedAt
    if (digests !== undefined) state.digests = list(digests)
    const paper = buildPaper(
      {
        title: cell('title') ?? '',
        authors: list(cell('authors') ?? ''),
        abstract: cell('abstract') ?? '',
        url: orNull('url'),
        arxivId: orNull('arxivId'),
        doi: orNull('doi'),
        links:
          links === undefined
            ? undefined
            : links
                .split(/\s+/)
                .filter((u) => u !== '')
                .map((url) => ({ url, kind: classifyLink(url) })),
        state: Object.keys(state).length > 0 ? state : undefined
      },
      opts
    )
    if (paper) papers.push(paper)
    else warnings.push(`Row ${r + 1} (line ${row.line}) has no title and was skipped.`)
  }
  return { papers, warnings }
}

/** Whether the first line is a CSV header with a "title" column. */
export function looksLikeCsv(text: string): boolean {
  const end = text.indexOf('\n')
  const first = text.slice(0, end < 0 ? Math.min(text.length, 4096) : Math.min(end, 4096))
  return (
    first.includes(',') &&
    first.split(',').some((name) => name.trim().replace(/^"|"$/g, '').toLowerCase() === 'title')
  )
}
