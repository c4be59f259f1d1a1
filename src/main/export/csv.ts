// Papershelf's own CSV export (RFC 4180): the columns and the cell encoding, including the "'" that
// stops a spreadsheet from running a cell as a formula, come from export-shape.ts, which the CSV
// importer reads back with.
import type { Paper } from '../../shared/types'
import { CSV_COLUMNS, csvRow } from '../import/export-shape'
import { toExportedPaper } from './json'

// A byte order mark, without which Excel reads UTF-8 as the local code page and mangles accents.
const BOM = '\uFEFF'

export function toCsv(papers: Paper[]): string {
  const lines = [CSV_COLUMNS.join(','), ...papers.map((p) => csvRow(toExportedPaper(p)))]
  return BOM + lines.map((line) => `${line}\r\n`).join('')
}
