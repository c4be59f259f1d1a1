// Atom feeds, arXiv's API results among them:
//   <entry><id>http://arxiv.org/abs/2406.12345v1</id><title>…</title><summary>…</summary>
//   <author><name>…</name></author><link href="…" rel="alternate"/><link title="pdf" href="…"/>
//   <arxiv:doi>…</arxiv:doi></entry>
import { decodeEntities } from '../entities'
import { attr, collectRecords, fieldAt, fieldsAt, fieldText, type MarkupRecord } from '../markup'
import { buildPaper, skipped, type FormatResult } from '../record'

// type="html" content is escaped markup; "text" and "xhtml" are already text once the tags are gone.
function text(record: MarkupRecord, path: string, hrefs?: string[]): string {
  const field = fieldAt(record, path)
  return field ? fieldText(field.text, attr(field.attrs, 'type').toLowerCase() === 'html', hrefs) : ''
}

export function parse(source: string): FormatResult {
  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  const records = collectRecords(source, new Set(['entry']))
  records.forEach((record, index) => {
    const id = decodeEntities(text(record, 'id')).trim()
    // The arXiv API reports a failed query as an entry whose id points at its error page.
    if (/arxiv\.org\/api\/errors/i.test(id)) return
    let url: string | null = null
    const urls: string[] = []
    for (const link of fieldsAt(record, 'link')) {
      const href = attr(link.attrs, 'href').trim()
      if (href === '') continue
      const rel = attr(link.attrs, 'rel').toLowerCase()
      if (url === null && (rel === '' || rel === 'alternate')) url = href
      else urls.push(href)
    }
    if (/^https?:\/\//i.test(id)) {
      if (url === null) url = id
      else urls.push(id)
    }
    // Links inside the summary: escaped HTML ones come from fieldText, XHTML ones are fields of their own.
    const hrefs = record.fields.filter((f) => f.path.endsWith('/a')).map((f) => attr(f.attrs, 'href'))
    const paper = buildPaper({
      title: text(record, 'title'),
      authors: fieldsAt(record, 'author/name').map((f) => f.text),
      abstract: text(record, 'summary', hrefs) || text(record, 'content', hrefs),
      url,
      arxivId: id || null,
      doi: decodeEntities(text(record, 'doi')).trim() || null,
      urls,
      linkText: hrefs.join(' ')
    })
    if (paper) papers.push(paper)
    else warnings.push(skipped(`Entry ${index + 1}`, record.line))
  })
  return { papers, warnings }
}
