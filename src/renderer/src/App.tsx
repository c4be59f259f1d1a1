import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Sidebar } from './features/sidebar/Sidebar'
import { PaperList } from './features/list/PaperList'
import { DetailPane } from './features/detail/DetailPane'
import { Toasts } from './features/shell/Toasts'
import { ShortcutSheet, useKeyboard } from './features/shell/keyboard'
import { subscribeAppEvents } from './lib/api'
import {
  afterImport,
  importFiles,
  refreshCounts,
  reloadList,
  setSearch,
  setSort,
  useStore,
  type Selection
} from './stores/store'
import type { Counts, SortOrder } from '../../shared/types'

function title(sel: Selection, counts: Counts | null): string {
  if (sel.kind === 'view')
    return { unread: 'Unread', starred: 'Starred', read: 'Read', all: 'All papers', notes: 'Notes' }[sel.view]
  if (sel.kind === 'tag') return `#${sel.name}`
  return counts?.digests.find((d) => d.id === sel.id)?.name ?? 'Digest'
}

function EmptyState({ onImport }: { onImport: () => void }) {
  const { counts, selection, search, loading } = useStore(
    useShallow((s) => ({ counts: s.counts, selection: s.selection, search: s.search, loading: s.loading }))
  )
  if (loading || !counts) return null
  if (counts.all === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No digests yet</p>
        <p>
          Import a digest file to start triaging: a saved Hugging Face Daily Papers page, an arXiv e-mail, a
          feed or a BibTeX file.
        </p>
        <button type="button" className="primary" onClick={onImport}>
          Import one (Ctrl+O)
        </button>
        <p className="hint">or drop a file anywhere on this window</p>
      </div>
    )
  }
  if (search)
    return (
      <div className="empty-state">
        <p className="empty-title">No papers match “{search}”</p>
      </div>
    )
  const msg =
    selection.kind === 'view' && selection.view === 'unread'
      ? 'All caught up: nothing unread.'
      : selection.kind === 'view' && selection.view === 'starred'
        ? 'No starred papers yet. Press s to star the current paper.'
        : 'Nothing here yet.'
  return (
    <div className="empty-state">
      <p className="empty-title">{msg}</p>
    </div>
  )
}

export function App() {
  const { selection, counts, search, sort, papers, more } = useStore(
    useShallow((s) => ({
      selection: s.selection,
      counts: s.counts,
      search: s.search,
      sort: s.sort,
      papers: s.papers,
      more: s.nextCursor !== null
    }))
  )
  const fileInput = useRef<HTMLInputElement>(null)
  const searchInput = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [showShortcuts, setShowShortcuts] = useState(false)
  const openImport = (): void => fileInput.current?.click()

  useKeyboard({ searchInput, openImport, toggleShortcuts: () => setShowShortcuts((v) => !v) })

  useEffect(() => {
    void refreshCounts()
    void reloadList()
    return subscribeAppEvents((event) => {
      if (event.type === 'imported') afterImport(event.summaries, event.errors)
    })
  }, [])

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false)
      }}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        void importFiles([...e.dataTransfer.files])
      }}
    >
      <Sidebar onImport={openImport} />
      <main className="list-pane" aria-label="Paper list">
        <header className="list-header">
          <div className="list-heading">
            <h1>{title(selection, counts)}</h1>
            <span className="list-count" aria-live="polite">
              {papers.length.toLocaleString()}
              {more ? '+' : ''} shown
            </span>
          </div>
          <div className="list-tools">
            <input
              ref={searchInput}
              type="search"
              className="search"
              placeholder="Search  /"
              aria-label="Search papers"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setSearch('')
                  e.currentTarget.blur()
                } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
                  e.currentTarget.blur()
                }
              }}
            />
            <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as SortOrder)}>
              <option value="digest">Digest order</option>
              <option value="newest">Newest first</option>
              <option value="title">Title</option>
            </select>
          </div>
        </header>
        {papers.length ? <PaperList /> : <EmptyState onImport={openImport} />}
      </main>
      <DetailPane />
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        aria-label="Choose digest files"
        onChange={(e) => {
          void importFiles([...(e.target.files ?? [])])
          e.target.value = ''
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a digest to import it
        </div>
      )}
      {showShortcuts && <ShortcutSheet onClose={() => setShowShortcuts(false)} />}
      <Toasts />
    </div>
  )
}
