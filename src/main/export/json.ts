// Papershelf's own JSON export: every paper with its reading state, in the shape export-shape.ts defines
// for both this writer and the importer that reads it back.
import type { Paper } from '../../shared/types'
import { EXPORT_VERSION, type ExportFile, type ExportedPaper } from '../import/export-shape'

/** A paper as the export shape has it; fields are listed one by one so nothing else leaks into a file. */
export function toExportedPaper(p: Paper): ExportedPaper {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    abstract: p.abstract,
    url: p.url,
    arxivId: p.arxivId,
    doi: p.doi,
    links: p.links.map((l) => ({ url: l.url, kind: l.kind })),
    read: p.read,
    starred: p.starred,
    readAt: p.readAt,
    starredAt: p.starredAt,
    tags: p.tags,
    note: p.note,
    noteUpdatedAt: p.noteUpdatedAt,
    addedAt: p.addedAt,
    digests: p.digests.map((d) => d.name)
  }
}

export function toJson(papers: Paper[], exportedAt: Date = new Date()): string {
  const file: ExportFile = {
    papershelf: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    papers: papers.map(toExportedPaper)
  }
  return `${JSON.stringify(file, null, 2)}\n`
}
