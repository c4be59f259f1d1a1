// The import pipeline: parse (pure) → dedupe against the file and the library → write, in one transaction.
import type { ImportSummary } from '../../shared/types'
import type { Db } from '../db/connection'
import { parseDigest } from './parse'
import { titleKey } from './normalise'
import { cleanTagName, ensureTag } from '../db/tags'
import { FORMATS, ImportError, type FormatName, type ParsedPaper } from './types'

export interface ImportOptions {
  /** Shown in the sidebar, e.g. the file name. */
  name: string
  /** Where it came from (a path), if anywhere. */
  source?: string | null
  format?: string | undefined
  maxBytes?: number
}

export function asFormat(format: string | undefined): FormatName | undefined {
  if (format === undefined) return undefined
  if ((FORMATS as readonly string[]).includes(format)) return format as FormatName
  throw new ImportError(`Unknown format "${format}"; use one of ${FORMATS.join(', ')}.`)
}

export function parseOptions(options: ImportOptions): NonNullable<Parameters<typeof parseDigest>[1]> {
  const format = asFormat(options.format)
  return {
    ...(format ? { format } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {})
  }
}

export function importDigest(db: Db, bytes: Uint8Array, options: ImportOptions): ImportSummary {
  const outcome = parseDigest(bytes, parseOptions(options))
  return writeDigest(db, outcome.papers, {
    name: options.name,
    source: options.source ?? null,
    format: outcome.format,
    warnings: outcome.warnings
  })
}

interface DigestMeta {
  name: string
  source: string | null
  format: string
  warnings: string[]
}

const PROGRESS_EVERY = 2000

export function writeDigest(
  db: Db,
  papers: ParsedPaper[],
  meta: DigestMeta,
  onProgress?: (done: number, total: number) => void
): ImportSummary {
  const byArxiv = db.prepare('SELECT id FROM papers WHERE arxiv_id = ?').pluck()
  const byDoi = db.prepare('SELECT id FROM papers WHERE doi = ?').pluck()
  const byTitle = db.prepare('SELECT id FROM papers WHERE title_key = ?').pluck()
  const insertDigest = db.prepare(
    `INSERT INTO digests (name, source, format, imported_at, found, added, duplicates, warnings)
     VALUES (?, ?, ?, ?, 0, 0, 0, ?)`
  )
  const finishDigest = db.prepare(
    'UPDATE digests SET found = ?, added = ?, duplicates = ?, warnings = ? WHERE id = ?'
  )
  const insertPaper = db.prepare(
    `INSERT INTO papers (title, authors, abstract, url, arxiv_id, doi, title_key, links, added_at,
       first_digest_id, read, read_at, starred, starred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const link = db.prepare('INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (?, ?, ?)')
  const insertNote = db.prepare('INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, ?)')
  const tagPaper = db.prepare('INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) VALUES (?, ?)')

  const warnings = [...meta.warnings]
  return db.transaction((): ImportSummary => {
    const importedAt = new Date().toISOString()
    const digestId = Number(
      insertDigest.run(meta.name, meta.source, meta.format, importedAt, JSON.stringify(meta.warnings))
        .lastInsertRowid
    )
    const seen = new Set<number>()
    let added = 0
    let position = 0
    for (const [i, p] of papers.entries()) {
      if (onProgress && i % PROGRESS_EVERY === 0) onProgress(i, papers.length)
      const key = titleKey(p.title)
      const existing = ((p.arxivId && byArxiv.get(p.arxivId)) ||
        (p.doi && byDoi.get(p.doi)) ||
        (key && byTitle.get(key)) ||
        undefined) as number | undefined
      let id = existing
      if (id === undefined) {
        const s = p.state ?? {}
        id = Number(
          insertPaper.run(
            p.title,
            JSON.stringify(p.authors),
            p.abstract,
            p.url,
            p.arxivId,
            p.doi,
            key,
            JSON.stringify(p.links),
            s.addedAt ?? importedAt,
            digestId,
            s.read ? 1 : 0,
            s.read ? (s.readAt ?? importedAt) : null,
            s.starred ? 1 : 0,
            s.starred ? (s.starredAt ?? importedAt) : null
          ).lastInsertRowid
        )
        added++
        // State only ever comes with a new paper: an import never touches what the user already did.
        if (s.note) insertNote.run(id, s.note, s.noteUpdatedAt ?? importedAt)
        for (const raw of s.tags ?? []) {
          // The same rules as tags typed in the app: trimmed levels, parents created, at most 200 chars.
          let name: string
          try {
            name = cleanTagName(raw)
          } catch {
            warnings.push(
              `The tag "${raw.slice(0, 40)}" of "${p.title.slice(0, 60)}" is not valid and was left out.`
            )
            continue
          }
          tagPaper.run(id, ensureTag(db, name))
        }
      }
      if (seen.has(id)) continue
      seen.add(id)
      link.run(digestId, id, position++)
    }
    finishDigest.run(papers.length, added, papers.length - added, JSON.stringify(warnings), digestId)
    return {
      digestId,
      format: meta.format,
      found: papers.length,
      added,
      duplicates: papers.length - added,
      warnings
    }
  })()
}
