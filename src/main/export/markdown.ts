// Reading notes as one Markdown document: a section per tag (or per digest), each paper with its title,
// authors, links and tags, then the user's own note exactly as written.
import type { Paper } from '../../shared/types'

export type MarkdownGrouping = 'tag' | 'digest'

export interface MarkdownOptions {
  /** Sections by tag (the default) or by the digest a paper came from; a paper appears in each of its own. */
  groupBy?: MarkdownGrouping
}

interface Group {
  heading: string
  papers: Paper[]
}

export function toMarkdown(papers: Paper[], options: MarkdownOptions = {}): string {
  const groups = options.groupBy === 'digest' ? byDigest(papers) : byTag(papers)
  const parts = ['# Reading notes']
  for (const g of groups) {
    parts.push(`## ${inline(g.heading)}`)
    for (const p of g.papers) parts.push(...paperBlocks(p))
  }
  return `${parts.join('\n\n')}\n`
}

function byTag(papers: Paper[]): Group[] {
  const groups = new Map<string, Paper[]>()
  const untagged: Paper[] = []
  for (const p of papers) {
    if (!p.tags.length) untagged.push(p)
    for (const tag of p.tags) {
      const list = groups.get(tag)
      if (list) list.push(p)
      else groups.set(tag, [p])
    }
  }
  const sorted = [...groups].sort(
    ([a], [b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1)
  )
  const out = sorted.map(([heading, list]) => ({ heading, papers: list }))
  if (untagged.length) out.push({ heading: 'Untagged', papers: untagged })
  return out
}

function byDigest(papers: Paper[]): Group[] {
  const groups = new Map<number, { order: [string, number]; group: Group }>()
  const none: Paper[] = []
  for (const p of papers) {
    if (!p.digests.length) none.push(p)
    for (const d of p.digests) {
      const found = groups.get(d.id)
      if (found) found.group.papers.push(p)
      else {
        const heading = `${d.name} (${d.importedAt.slice(0, 10)})`
        groups.set(d.id, { order: [d.importedAt, d.id], group: { heading, papers: [p] } })
      }
    }
  }
  // Newest digest first, as in the sidebar.
  const out = [...groups.values()]
    .sort((a, b) => (a.order[0] === b.order[0] ? b.order[1] - a.order[1] : a.order[0] < b.order[0] ? 1 : -1))
    .map((g) => g.group)
  if (none.length) out.push({ heading: 'Not in a digest', papers: none })
  return out
}

function paperBlocks(p: Paper): string[] {
  const abs = p.arxivId ? `https://arxiv.org/abs/${p.arxivId}` : null
  const doiUrl = p.doi ? `https://doi.org/${p.doi}` : null
  const target = p.url ?? abs ?? doiUrl
  const title = target ? `[${inline(p.title)}](${destination(target)})` : inline(p.title)
  const facts: string[] = []
  if (p.authors.length) facts.push(`- Authors: ${p.authors.map(inline).join(', ')}`)
  if (abs) facts.push(`- arXiv: [${inline(p.arxivId as string)}](${destination(abs)})`)
  if (doiUrl) facts.push(`- DOI: [${inline(p.doi as string)}](${destination(doiUrl)})`)
  if (p.tags.length) facts.push(`- Tags: ${p.tags.map(inline).join(', ')}`)
  const status = [p.read ? 'read' : 'unread', ...(p.starred ? ['starred'] : [])]
  facts.push(`- Status: ${status.join(', ')}`)
  const blocks = [`### ${title}`, facts.join('\n')]
  const note = p.note.replace(/\s+$/, '')
  if (note.trim() !== '') {
    // The note stays as written; only a code fence it leaves open is closed, or the rest of the document
    // would be swallowed into its code block.
    const close = unclosedFence(note)
    blocks.push(close ? `${note}\n${close}` : note)
  }
  return blocks
}

/** Plain text as Markdown that renders as that text: punctuation Markdown would act on is escaped. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#!|~&$]/g, '\\$&')
}

/** A link destination: characters that would end it or be read as a title are percent-encoded. */
function destination(url: string): string {
  return url.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

/** The fence that closes a fenced code block still open at the end of `markdown`, or null (CommonMark rules). */
function unclosedFence(markdown: string): string | null {
  let open: { char: string; length: number } | null = null
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (!m) continue
    const fence = m[1] as string
    const rest = m[2] as string
    if (!open) {
      // An info string after backticks may not hold a backtick, or this is inline code, not a fence.
      if (fence[0] === '`' && rest.includes('`')) continue
      open = { char: fence[0] as string, length: fence.length }
    } else if (fence[0] === open.char && fence.length >= open.length && rest.trim() === '') {
      open = null
    }
  }
  return open ? open.char.repeat(open.length) : null
}
