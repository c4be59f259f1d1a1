// Turns what the user types into an FTS5 MATCH expression plus simple filters (is:…, tag:…).
import { tooShortToSearch } from '../../shared/search'

export interface ParsedSearch {
  /** FTS5 expression, or null when the query holds only filters. */
  match: string | null
  /** The words to highlight, in the order typed. */
  terms: string[]
  is: { read?: boolean; starred?: boolean; note?: boolean }
  tags: string[]
}

const TOKEN = /(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))/gu

export function parseSearch(query: string): ParsedSearch {
  const result: ParsedSearch = { match: null, terms: [], is: {}, tags: [] }
  const parts: string[] = []
  for (const m of query.normalize('NFC').matchAll(TOKEN)) {
    const negated = m[1] === '-'
    const field = m[2]?.toLowerCase()
    const value = m[3] ?? m[4] ?? ''
    if (field === 'is' && !m[3]) {
      const v = value.toLowerCase()
      if (v === 'starred') result.is.starred = !negated
      else if (v === 'unstarred') result.is.starred = negated
      else if (v === 'read') result.is.read = !negated
      else if (v === 'unread') result.is.read = negated
      else if (v === 'noted' || v === 'note') result.is.note = !negated
      continue
    }
    if (field === 'tag') {
      if (value) result.tags.push(value)
      continue
    }
    // Anything else is text: FTS5 syntax characters are neutralised by quoting every word.
    const text = field ? `${m[2]}:${value}` : value
    let words: string[] | null = text.match(/[\p{L}\p{N}_]+/gu)
    if (m[3] !== undefined) {
      if (words) parts.push(`${negated ? 'NOT ' : ''}"${words.join(' ')}"`)
    } else {
      words = words?.filter((w) => !tooShortToSearch(w)) ?? null
      for (const w of words ?? []) parts.push(`${negated ? 'NOT ' : ''}"${w}"*`)
    }
    if (!words?.length) continue
    if (!negated) result.terms.push(...words)
  }
  // FTS5 cannot start with NOT; a lone negation matches nothing useful, so drop it.
  while (parts[0]?.startsWith('NOT ')) parts.shift()
  result.match = parts.length ? parts.join(' ') : null
  return result
}
