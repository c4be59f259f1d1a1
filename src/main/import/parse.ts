// The importer's entry point: file bytes in, papers out. Everything that makes a file unimportable is
// reported as an ImportError carrying one sentence for the user; nothing else is ever thrown for bad input.
import { decodeBytes, sniffBinary } from './decode'
import { detectFormat } from './detect'
import * as arxivEmail from './formats/arxiv-email'
import * as atom from './formats/atom'
import * as bibtex from './formats/bibtex'
import * as csv from './formats/csv'
import * as hfHtml from './formats/hf-html'
import * as hfText from './formats/hf-text'
import * as json from './formats/json'
import * as ris from './formats/ris'
import * as rss from './formats/rss'
import { unwrapEmail } from './mime'
import type { FormatResult } from './record'
import { FORMATS, ImportError, type FormatName, type ParseOutcome, type ParsedPaper } from './types'
import { NOTE_MAX_CHARS } from '../../shared/types'

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024
const MAX_WARNINGS = 50
// An "abstract" longer than this is a whole document mistaken for one (about 15,000 words).
const MAX_ABSTRACT = 100_000

const PARSERS: Record<FormatName, (text: string) => FormatResult> = {
  'hf-text': hfText.parse,
  'hf-html': hfHtml.parse,
  'arxiv-email': arxivEmail.parse,
  rss: rss.parse,
  atom: atom.parse,
  bibtex: bibtex.parse,
  ris: ris.parse,
  csv: csv.parse,
  json: json.parse
}

/** How each format is named in messages to the user. */
export const FORMAT_LABELS: Record<FormatName, string> = {
  'hf-text': 'a Hugging Face Daily Papers text copy',
  'hf-html': 'a Hugging Face Daily Papers page',
  'arxiv-email': 'an arXiv listing e-mail',
  rss: 'an RSS feed',
  atom: 'an Atom feed',
  bibtex: 'BibTeX',
  ris: 'RIS',
  csv: 'CSV',
  json: 'JSON'
}

function formatSize(bytes: number, round: (v: number) => number): string {
  const units: ReadonlyArray<[number, string]> = [
    [1024 * 1024, 'MB'],
    [1024, 'KB']
  ]
  for (const [size, unit] of units) {
    if (bytes >= size) return `${round((bytes / size) * 10) / 10} ${unit}`
  }
  return `${bytes} bytes`
}

function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings
  const kept = warnings.slice(0, MAX_WARNINGS - 1)
  const rest = warnings.length - kept.length
  return [...kept, `There were ${rest.toLocaleString('en')} more warnings like these.`]
}

/**
 * Parses a digest file of any supported format. The format is detected from the content unless
 * `opts.format` forces one; `opts.maxBytes` (default 200 MB) bounds the file size.
 */
export function parseDigest(
  bytes: Uint8Array,
  opts: { format?: FormatName; maxBytes?: number } = {}
): ParseOutcome {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES
  if (opts.format !== undefined && !FORMATS.includes(opts.format)) {
    throw new ImportError(`"${String(opts.format)}" is not a format Papershelf can import.`)
  }
  if (bytes.length > maxBytes) {
    // The file's size is rounded up, so a file just over the limit never reads as equal to it.
    throw new ImportError(
      `This file is ${formatSize(bytes.length, Math.ceil)}; digests larger than ${formatSize(maxBytes, Math.round)} are not imported.`
    )
  }
  if (bytes.length === 0) throw new ImportError('This file is empty.')
  const binary = sniffBinary(bytes)
  if (binary !== null) throw new ImportError(binary)
  const decoded = decodeBytes(bytes)
  if (!/\S/.test(decoded.text)) throw new ImportError('This file contains only blank lines and spaces.')
  const text = unwrapEmail(decoded.text) ?? decoded.text
  const detected = detectFormat(text)
  const format = opts.format ?? detected
  if (format === null) throw new ImportError('No papers were recognised in this file.')
  let result: FormatResult
  try {
    result = PARSERS[format](text)
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError(`This file could not be read as ${FORMAT_LABELS[format]}.`, { cause: error })
  }
  const papers = result.papers.filter((p) => p.title.trim() !== '')
  if (papers.length === 0) {
    if (opts.format !== undefined && detected !== opts.format) {
      const actually = detected === null ? '' : `; it looks like ${FORMAT_LABELS[detected]}`
      throw new ImportError(`This file does not look like ${FORMAT_LABELS[opts.format]}${actually}.`)
    }
    throw new ImportError('No papers were recognised in this file.')
  }
  const cut = papers.flatMap((p, i) => capFields(p, i + 1))
  return { format, papers, warnings: capWarnings([...decoded.warnings, ...result.warnings, ...cut]) }
}

/** The first n UTF-16 units of s, one fewer if the cut would split a surrogate pair. */
function cutAt(s: string, n: number): string {
  const code = s.charCodeAt(n - 1)
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n)
}

/** Cuts an over-long abstract or note (the app could not save the note again), saying so. */
function capFields(p: ParsedPaper, n: number): string[] {
  const warnings: string[] = []
  const name = `Paper ${n} (“${p.title.length > 60 ? `${p.title.slice(0, 59)}…` : p.title}”)`
  if (p.abstract.length > MAX_ABSTRACT) {
    p.abstract = `${cutAt(p.abstract, MAX_ABSTRACT - 1)}…`
    warnings.push(
      `${name} has an abstract over ${MAX_ABSTRACT.toLocaleString('en')} characters; it was cut there.`
    )
  }
  if (p.state?.note !== undefined && p.state.note.length > NOTE_MAX_CHARS) {
    p.state.note = cutAt(p.state.note, NOTE_MAX_CHARS)
    warnings.push(
      `${name} has a note over ${NOTE_MAX_CHARS.toLocaleString('en')} characters; it was cut there.`
    )
  }
  return warnings
}
