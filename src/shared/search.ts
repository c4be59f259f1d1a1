// What the user types into the search box: an FTS5 MATCH expression plus simple filters (is:…, tag:…).
// Shared by the server, which runs it, and the renderer, which highlights the same words and says why a
// word was left out.

/**
 * A lone Latin letter or digit is not searched: as a prefix it matches nearly every paper, and ranking
 * the whole library takes the better part of a second at 100,000 papers, while it narrows nothing.
 * Other scripts keep single characters (one CJK character is a word).
 */
function tooShortToSearch(word: string): boolean {
  return /^[\p{Script=Latin}\p{Nd}_]$/u.test(word)
}

export interface ParsedSearch {
  /** FTS5 expression, or null when the query holds only filters. */
  match: string | null
  /** The words to highlight, in the order typed. */
  terms: string[]
  /** Words left out because they are too short to search (see tooShortToSearch). */
  skipped: string[]
  is: { read?: boolean; starred?: boolean; note?: boolean }
  tags: string[]
}

const TOKEN = /(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))/gu

export function parseSearch(query: string): ParsedSearch {
  const result: ParsedSearch = { match: null, terms: [], skipped: [], is: {}, tags: [] }
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
      result.skipped.push(...(words?.filter(tooShortToSearch) ?? []))
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
