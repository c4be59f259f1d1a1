import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { openLink, toggleRead, toggleStar, useStore } from '../../stores/store'
import { Highlight } from '../../lib/marked'
import { parseSearch } from '../../../../shared/search'
import type { Link } from '../../../../shared/types'
import { TagEditor } from '../tags/TagEditor'
import { shortDate } from '../sidebar/Sidebar'
import { NoteEditor } from '../notes/NoteEditor'

const KIND_LABEL: Record<Link['kind'], string> = {
  code: 'Code',
  project: 'Project page',
  paper: 'Paper',
  other: 'Link'
}

function linkLabel(link: Link): string {
  try {
    const u = new URL(link.url)
    const path = u.pathname.replace(/\/$/, '')
    return `${u.hostname.replace(/^www\./, '')}${path.length > 32 ? path.slice(0, 31) + '…' : path}`
  } catch {
    return link.url
  }
}

export const DetailPane = memo(function DetailPane() {
  const { detail, search, hasPapers, importing } = useStore(
    useShallow((s) => ({
      detail: s.detail,
      search: s.search,
      hasPapers: s.papers.length > 0,
      importing: s.imports.length > 0
    }))
  )
  if (!detail) {
    return (
      <section className="detail empty" aria-label="Paper">
        <p>{importing ? 'Importing…' : hasPapers ? 'Select a paper to read it here.' : ''}</p>
      </section>
    )
  }
  const terms = parseSearch(search).terms
  const links: Link[] = [...detail.links]
  if (detail.arxivId && !links.some((l) => l.url.includes(detail.arxivId as string))) {
    links.push({ url: `https://arxiv.org/abs/${detail.arxivId}`, kind: 'paper' })
  }
  return (
    <section className="detail" aria-label="Paper" tabIndex={-1}>
      <div className="detail-actions">
        <button
          type="button"
          className={`toggle${detail.read ? ' on' : ''}`}
          onClick={toggleRead}
          title="Toggle read (m)"
        >
          {detail.read ? 'Mark unread' : 'Mark read'}
        </button>
        <button
          type="button"
          className={`toggle star-toggle${detail.starred ? ' on' : ''}`}
          aria-label={detail.starred ? 'Unstar' : 'Star'}
          onClick={toggleStar}
          title="Toggle star (s)"
        >
          {detail.starred ? '★ Unstar' : '☆ Star'}
        </button>
      </div>
      <h1 className="detail-title">
        <Highlight text={detail.title} terms={terms} />
      </h1>
      {detail.authors.length > 0 && <p className="detail-authors">{detail.authors.join(', ')}</p>}
      {links.length > 0 && (
        <ul className="chips" aria-label="Links">
          {links.map((l) => (
            <li key={l.url}>
              <button
                type="button"
                className={`chip chip-${l.kind}`}
                onClick={() => void openLink(l.url)}
                title={l.url}
                aria-label={`${KIND_LABEL[l.kind]}: ${l.url}`}
              >
                <span className="chip-kind">{KIND_LABEL[l.kind]}</span> {linkLabel(l)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="detail-abstract">
        {detail.abstract ? (
          <Highlight text={detail.abstract} terms={terms} />
        ) : (
          <em>No abstract in the digest.</em>
        )}
      </div>
      <TagEditor paperId={detail.id} tags={detail.tags} />
      <NoteEditor key={detail.id} paperId={detail.id} initial={detail.note} />
      {detail.digests.length > 0 && (
        <p className="detail-meta">
          In {detail.digests.length === 1 ? 'digest' : 'digests'}:{' '}
          {detail.digests.map((d) => `${d.name} (${shortDate(d.importedAt)})`).join(', ')}
        </p>
      )}
    </section>
  )
})
