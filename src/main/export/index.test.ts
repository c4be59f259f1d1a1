import { describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, exportPapers, fileExtension } from './index'
import { makePaper } from './paper.fixture'

describe('exportPapers', () => {
  it('writes every format, each with its own extension', () => {
    const papers = [makePaper()]
    const now = new Date('2026-11-27T08:15:00.000Z')
    expect(EXPORT_FORMATS.map(fileExtension)).toEqual(['bib', 'ris', 'csv', 'json', 'md'])
    expect(exportPapers(papers, 'bibtex')).toMatch(/^@misc\{vaswani2017attention,/)
    expect(exportPapers(papers, 'ris')).toMatch(/^TY {2}- GEN\r\n/)
    expect(exportPapers(papers, 'csv')).toMatch(/^\uFEFFid,title,/)
    expect(JSON.parse(exportPapers(papers, 'json', { now })).exportedAt).toBe(now.toISOString())
    expect(exportPapers(papers, 'markdown', { groupBy: 'digest' })).toContain('## monday.txt (2026-10-30)')
    expect(exportPapers(papers, 'bibtex', { includeNotes: false })).not.toContain('annote')
  })
})
