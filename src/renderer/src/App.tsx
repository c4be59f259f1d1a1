import { useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { parseSearch } from '../../shared/search'
import { Sidebar } from './features/sidebar/Sidebar'
import { PaperList } from './features/list/PaperList'
import { DetailPane } from './features/detail/DetailPane'
import { Toasts } from './features/shell/Toasts'
import { BulkBar, ViewActions } from './features/shell/BulkBar'
import { Splitter } from './features/shell/Splitter'
import {
  CommandPalette,
  commands,
  ShortcutSheet,
  useKeyboard,
  type CommandHost
} from './features/shell/keyboard'
import { ImportProgress } from './features/shell/ImportProgress'
import { ExportDialog } from './features/shell/ExportDialog'
import { subscribeAppEvents } from './lib/api'
import {
  followImport,
  showStartupNotice,
  importFiles,
  importText,
  loadSettings,
  refreshCounts,
  reloadList,
  setSearch,
  setSort,
  updateSettings,
  useStore,
  type Selection
} from './stores/store'
import type { Counts, SortOrder } from '../../shared/types'

function title(sel: Selection, counts: Counts | null): string {
  if (sel.kind === 'view') {
    return { unread: 'Unread', starred: 'Starred', read: 'Read', all: 'All papers', notes: 'Notes' }[sel.view]
  }
  if (sel.kind === 'tag') return sel.names.join(' + ')
  return counts?.digests.find((d) => d.id === sel.id)?.name ?? 'Digest'
}

function countLabel(
  sel: Selection,
  counts: Counts | null,
  search: string,
  shown: number,
  more: boolean
): string {
  const n = (v: number): string => `${v.toLocaleString()} paper${v === 1 ? '' : 's'}`
  if (search.trim()) {
    const parsed = parseSearch(search)
    // Only lone letters typed so far: they are not searched, so the list is the view as it was.
    if (parsed.match === null && parsed.skipped.length) return 'Keep typing to search'
    return `${shown.toLocaleString()}${more ? '+' : ''} found`
  }
  if (!counts) return ''
  if (sel.kind === 'view') return n(counts[sel.view])
  if (sel.kind === 'digest') return n(counts.digests.find((d) => d.id === sel.id)?.total ?? shown)
  if (sel.names.length > 1) return `${shown.toLocaleString()}${more ? '+' : ''} with all these tags`
  return n(counts.tags.find((t) => t.name.toLowerCase() === sel.names[0]?.toLowerCase())?.count ?? shown)
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
          Import today’s digest to start triaging: a saved Hugging Face Daily Papers page, an arXiv listing
          e-mail, an RSS or Atom feed, or a BibTeX file.
        </p>
        <button type="button" className="primary" onClick={onImport}>
          Import one (Ctrl+O)
        </button>
        <p className="hint">or drop a file anywhere on this window, or paste digest text with Ctrl+V</p>
      </div>
    )
  }
  if (search) {
    return (
      <div className="empty-state">
        <p className="empty-title">No papers match “{search}”</p>
        <p className="hint">Search looks in titles, authors, abstracts and notes. Esc clears it.</p>
      </div>
    )
  }
  const msg =
    selection.kind === 'view' && selection.view === 'unread'
      ? 'All caught up: nothing unread.'
      : selection.kind === 'view' && selection.view === 'starred'
        ? 'No starred papers yet. Press s to star the current paper.'
        : selection.kind === 'view' && selection.view === 'notes'
          ? 'No notes yet. Write one in the detail pane of any paper.'
          : 'Nothing here.'
  return (
    <div className="empty-state">
      <p className="empty-title">{msg}</p>
    </div>
  )
}

function DigestProgress() {
  const digest = useStore((s) => {
    const sel = s.selection
    return sel.kind === 'digest' ? s.counts?.digests.find((d) => d.id === sel.id) : undefined
  })
  if (!digest) return null
  const pct = digest.total ? Math.round((100 * digest.read) / digest.total) : 0
  return (
    <div className="triage-progress" aria-label={`Triage progress: ${digest.read} of ${digest.total} read`}>
      <span className="progress-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span>
        {digest.read} of {digest.total} read
      </span>
    </div>
  )
}

/** The list's title, count, search box and sort: what changes as the list loads stays in here. */
function ListHeader({ searchInput }: { searchInput: RefObject<HTMLInputElement | null> }) {
  const { selection, counts, search, sort, shown, more } = useStore(
    useShallow((s) => ({
      selection: s.selection,
      counts: s.counts,
      search: s.search,
      sort: s.sort,
      shown: s.papers.length,
      more: s.nextCursor !== null
    }))
  )
  return (
    <header className="list-header">
      <div className="list-heading">
        <h1>{title(selection, counts)}</h1>
        <span className="list-count">{countLabel(selection, counts, search, shown, more)}</span>
      </div>
      <DigestProgress />
      <div className="list-tools">
        <input
          ref={searchInput}
          type="search"
          className="search"
          placeholder="Search   /"
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
      <ViewActions />
    </header>
  )
}

export function App() {
  // Only what the layout itself needs: the parts subscribe to the rest, so a toggle or a page of the list
  // re-renders those parts and not the whole tree.
  const { hasPapers, settings } = useStore(
    useShallow((s) => ({ hasPapers: s.papers.length > 0, settings: s.settings }))
  )
  const fileInput = useRef<HTMLInputElement>(null)
  const searchInput = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [dialog, setDialog] = useState<'none' | 'shortcuts' | 'palette' | 'export'>('none')
  // Live sizes while a splitter is dragged; remembered in settings when the drag ends.
  const [drag, setDrag] = useState<{ sidebar?: number; list?: number }>({})

  const host: CommandHost = useMemo(
    () => ({
      focusSearch: () => {
        searchInput.current?.focus()
        searchInput.current?.select()
      },
      openImport: () => fileInput.current?.click(),
      toggleShortcuts: () => setDialog((d) => (d === 'shortcuts' ? 'none' : 'shortcuts')),
      openPalette: () => setDialog('palette'),
      openExport: () => setDialog('export')
    }),
    []
  )
  useKeyboard(host)

  useEffect(() => {
    // The list first: the server answers in turn, and the rows are what the window is opened for.
    void reloadList()
    void loadSettings()
    void showStartupNotice()
    void refreshCounts()
    const offEvents = subscribeAppEvents((event) => {
      if (event.type === 'import-started') void followImport(event.job)
      else
        commands(host)
          .find((c) => c.id === event.command)
          ?.run()
    })
    const onPaste = (e: ClipboardEvent): void => {
      const el = e.target as HTMLElement | null
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) return
      const text = e.clipboardData?.getData('text/plain') ?? ''
      if (text.trim()) {
        e.preventDefault()
        void importText(text)
      }
    }
    document.addEventListener('paste', onPaste)
    return () => {
      offEvents()
      document.removeEventListener('paste', onPaste)
    }
  }, [host])

  useEffect(() => {
    const theme = settings?.theme ?? 'system'
    const dark = window.matchMedia('(prefers-color-scheme: dark)')
    const apply = (): void => {
      document.documentElement.dataset.theme = theme === 'system' ? (dark.matches ? 'dark' : 'light') : theme
    }
    apply()
    dark.addEventListener('change', apply)
    return () => dark.removeEventListener('change', apply)
  }, [settings?.theme])

  const sidebarWidth = drag.sidebar ?? settings?.sidebarWidth ?? 232
  const listWidth = drag.list ?? settings?.listWidth ?? 420

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      style={{ gridTemplateColumns: `${sidebarWidth}px 0px ${listWidth}px 0px minmax(0, 1fr)` }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(e) => {
        if (!e.relatedTarget) setDragging(false)
      }}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        void importFiles([...e.dataTransfer.files])
      }}
    >
      <Sidebar onImport={host.openImport} />
      <Splitter
        label="Resize the sidebar"
        value={sidebarWidth}
        min={160}
        max={480}
        onChange={(v) => setDrag((d) => ({ ...d, sidebar: v }))}
        onCommit={(v) => {
          setDrag((d) => ({ ...d, sidebar: undefined }))
          void updateSettings({ sidebarWidth: v })
        }}
      />
      <main className="list-pane" aria-label="Paper list">
        <ListHeader searchInput={searchInput} />
        <BulkBar />
        {hasPapers ? <PaperList /> : <EmptyState onImport={host.openImport} />}
      </main>
      <Splitter
        label="Resize the paper list"
        value={listWidth}
        min={260}
        max={900}
        onChange={(v) => setDrag((d) => ({ ...d, list: v }))}
        onCommit={(v) => {
          setDrag((d) => ({ ...d, list: undefined }))
          void updateSettings({ listWidth: v })
        }}
      />
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
      {dialog === 'shortcuts' && <ShortcutSheet host={host} onClose={() => setDialog('none')} />}
      {dialog === 'palette' && <CommandPalette host={host} onClose={() => setDialog('none')} />}
      {dialog === 'export' && <ExportDialog onClose={() => setDialog('none')} />}
      <ImportProgress />
      <Toasts />
    </div>
  )
}
