import { Fragment, type ReactNode } from 'react'

/** Renders text whose matches the server wrapped in \u0002…\u0003 as <mark>, everything as plain text. */
export function Marked({ text }: { text: string }): ReactNode {
  const out: ReactNode[] = []
  let at = 0
  while (at < text.length) {
    const open = text.indexOf('\u0002', at)
    const close = open < 0 ? -1 : text.indexOf('\u0003', open)
    if (close < 0) {
      out.push(<Fragment key={at}>{text.slice(at)}</Fragment>)
      break
    }
    if (open > at) out.push(<Fragment key={at}>{text.slice(at, open)}</Fragment>)
    out.push(<mark key={open}>{text.slice(open + 1, close)}</mark>)
    at = close + 1
  }
  return out
}

/** Highlights the words of a search in plain text (the detail pane), as text nodes only. */
export function Highlight({ text, terms }: { text: string; terms: string[] }): ReactNode {
  const words = terms.filter((t) => t.length > 1).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  if (!words.length) return text
  // Prefix match, as the search itself does.
  const re = new RegExp(`(\\b(?:${words.join('|')})[\\p{L}\\p{N}_]*)`, 'giu')
  return text
    .split(re)
    .map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>))
}
