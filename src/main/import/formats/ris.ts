// RIS: one "TAG  - value" per line, records from "TY  - " to "ER  - ". Lines without a tag continue the
// previous value (some exporters wrap long abstracts).
import { buildPaper, personName, skipped, type FormatResult } from '../record'

const TAG = /^([A-Z][A-Z0-9])[ \t]{1,3}-(?:[ \t]|$)/

interface RisRecord {
  line: number
  fields: Map<string, string[]>
}

function first(r: RisRecord, ...tags: string[]): string {
  for (const tag of tags) {
    const value = r.fields.get(tag)?.find((v) => v.trim() !== '')
    if (value !== undefined) return value
  }
  return ''
}

function all(r: RisRecord, ...tags: string[]): string[] {
  return tags.flatMap((tag) => r.fields.get(tag) ?? []).filter((v) => v.trim() !== '')
}

export function parse(text: string): FormatResult {
  const records: RisRecord[] = []
  let current: RisRecord | null = null
  let last: string[] | null = null
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const tag = TAG.exec(line.slice(0, 8))
    if (!tag) {
      const more = line.trim()
      if (more !== '' && last && last.length > 0) last[last.length - 1] += ` ${more}`
      continue
    }
    const name = tag[1] ?? ''
    const value = line.slice(tag[0].length).trim()
    if (name === 'ER') {
      if (current) records.push(current)
      current = null
      last = null
      continue
    }
    if (name === 'TY' || !current) {
      if (current) records.push(current)
      current = { line: i + 1, fields: new Map() }
    }
    let values = current.fields.get(name)
    if (!values) {
      values = []
      current.fields.set(name, values)
    }
    values.push(value)
    last = values
  }
  if (current) records.push(current)

  const papers: FormatResult['papers'] = []
  const warnings: string[] = []
  records.forEach((record, index) => {
    const links = all(record, 'UR', 'L1', 'L2', 'LK')
    const paper = buildPaper({
      title: first(record, 'TI', 'T1', 'CT', 'BT', 'ST'),
      authors: all(record, 'AU', 'A1').map(personName),
      abstract: first(record, 'AB', 'N2'),
      url: links[0] ?? null,
      doi: first(record, 'DO', 'DI') || null,
      urls: links.slice(1)
    })
    if (paper) papers.push(paper)
    else warnings.push(skipped(`Record ${index + 1}`, record.line))
  })
  return { papers, warnings }
}

/** Whether text is RIS: a "TY  - " line near the top. */
export function looksLikeRis(text: string): boolean {
  return /^TY {1,3}- ?\S/m.test(text.slice(0, 64 * 1024))
}
