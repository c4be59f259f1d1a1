// RSS 2.0 and RSS 1.0 (RDF) feeds, including arXiv's: there the description starts with
// "arXiv:<id> Announce Type: new" and then "Abstract: …", and dc:creator lists all authors in one element.
import { decodeEntities } from '../entities'
import { attr, collectRecords, fieldAt, fieldsAt, fieldText, type MarkupRecord } from '../markup'
import { normaliseText } from '../normalise'
import { buildPaper, skipped, splitAuthors, type FormatResult } from '../record'

// Old arXiv feeds: "Title. (arXiv:2406.12345v1 [cs.LG] UPDATED)".
const TITLE_ID = /\s*\(arXiv:([^\s()]+)(?:\s+\[[^\]]{0,40}\])?(?:\s+UPDATED)?\)\s*$/
const ANNOUNCE = /^\s*arXiv:(\S+)\s+Announce Type:\s*\S+\s*/i
const ABSTRACT_LABEL = /^\s*Abstract:\s*/i

function text(record: MarkupRecord, path: string, html = false, hrefs?: string[]): string {
  const field = fieldAt(record, path)
  return field ? fieldText(field.text, html, hrefs) : ''
}

// RSS 2.0 <author> holds an e-mail address, with the name in parentheses when there is one.
function authorName(value: string): string {
  const decoded = normaliseText(value)
  const paren = /\(([^()]+)\)\s*$/.exec(decoded)
  if (paren?.[1]) return paren[1]
  return decoded.includes('@') ? '' : decoded
}

function authorsOf(record: MarkupRecord): string[] {
  const creators = fieldsAt(record, 'creator')
  if (creators.length > 0)
    return creators.flatMap((f) => splitAuthors(normaliseText(fieldText(f.text, true))))
  return fieldsAt(record, 'author')
    .map((f) => authorName(f.text))
    .filter((a) => a !== '')
}

export function parse(source: string): FormatResult {
  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  const records = collectRecords(source, new Set(['item']))
  records.forEach((record, index) => {
    let title = text(record, 'title', true)
    let arxivId: string | null = null
    const titleId = TITLE_ID.exec(title.slice(-120))
    if (titleId) {
      arxivId = titleId[1] ?? null
      title = title.slice(0, title.length - titleId[0].length).replace(/\.$/, '')
    }
    // Still entity-encoded here: buildPaper decodes it once.
    const hrefs: string[] = []
    let abstract = text(record, 'description', true, hrefs) || text(record, 'encoded', true, hrefs)
    const announce = ANNOUNCE.exec(abstract.slice(0, 200))
    if (announce) {
      arxivId ??= announce[1] ?? null
      abstract = abstract.slice(announce[0].length)
    }
    abstract = abstract.replace(ABSTRACT_LABEL, '')
    const link =
      decodeEntities(text(record, 'link')).trim() || attr(fieldAt(record, 'link')?.attrs ?? new Map(), 'href')
    const guid = decodeEntities(text(record, 'guid')).trim()
    const about = attr(record.attrs, 'rdf:about')
    const urls = [guid, about, ...fieldsAt(record, 'enclosure').map((f) => attr(f.attrs, 'url'))].filter(
      (u) => /^https?:\/\//i.test(u)
    )
    const identifiers = fieldsAt(record, 'identifier').map((f) => decodeEntities(f.text).trim())
    const doi =
      decodeEntities(text(record, 'doi')).trim() || identifiers.find((i) => /^(doi:)?10\./i.test(i)) || null
    const paper = buildPaper({
      title,
      authors: authorsOf(record),
      abstract,
      url: link || about || null,
      arxivId: arxivId ?? (guid || identifiers.find((i) => /arxiv/i.test(i)) || null),
      doi,
      urls,
      linkText: hrefs.join(' ')
    })
    if (paper) papers.push(paper)
    else warnings.push(skipped(`Item ${index + 1}`, record.line))
  })
  return { papers, warnings }
}
