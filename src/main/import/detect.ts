// Which format a digest is in, from its content alone (file names lie, and pasted text has none).
import { looksLikeArxivEmail } from './formats/arxiv-email'
import { looksLikeBibtex } from './formats/bibtex'
import { looksLikeCsv } from './formats/csv'
import { looksLikeHfHtml } from './formats/hf-html'
import { looksLikeHfText } from './formats/hf-text'
import { looksLikeJson } from './formats/json'
import { looksLikeRis } from './formats/ris'
import { tokenize } from './markup'
import type { FormatName } from './types'

const HEAD = 64 * 1024

// The first element of a markup document, skipping the XML declaration, comments and doctype.
function rootElement(head: string): string | null {
  for (const token of tokenize(head, false)) {
    if (token.kind === 'open') return token.name
    if (token.kind === 'text' && token.text.trim() !== '') return null
  }
  return null
}

export function detectFormat(text: string): FormatName | null {
  const head = text.slice(0, HEAD).replace(/^[\s\ufeff]+/, '')
  if (looksLikeJson(head)) return 'json'
  if (head.startsWith('<')) {
    const root = rootElement(head)
    if (root === 'rss' || root === 'rdf:rdf') return 'rss'
    if (root === 'feed' || root?.endsWith(':feed')) return 'atom'
    if (root !== 'html' && root !== null) {
      if (/<(?:\w+:)?entry[\s>]/.test(head)) return 'atom'
      if (/<item[\s>]/.test(head)) return 'rss'
    }
    return 'hf-html'
  }
  if (looksLikeRis(head)) return 'ris'
  if (looksLikeBibtex(text)) return 'bibtex'
  if (looksLikeArxivEmail(text)) return 'arxiv-email'
  if (looksLikeCsv(head)) return 'csv'
  // A plain-text copy may mention a tag in a title ("<table>"): its own shape wins over stray markup.
  if (looksLikeHfText(text)) return 'hf-text'
  if (looksLikeHfHtml(head)) return 'hf-html'
  return null
}
