import { useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import {
  checkAll,
  clearChecked,
  markViewRead,
  move,
  openCurrentLink,
  setSearch,
  setSelection,
  setSort,
  toggleChecked,
  toggleRead,
  toggleStar,
  undo,
  updateSettings,
  useStore
} from '../../stores/store'
import type { View } from '../../../../shared/types'

export interface Command {
  id: string
  title: string
  /** As shown to people; also what the palette searches. */
  keys?: string
  run: () => void
}

export interface CommandHost {
  focusSearch: () => void
  openImport: () => void
  toggleShortcuts: () => void
  openPalette: () => void
  openExport: () => void
}

const go = (view: View) => () => setSelection({ kind: 'view', view })

/** Every action the app offers, once: the key handler, the palette and the shortcut sheet read this list. */
export function commands(host: CommandHost): Command[] {
  return [
    { id: 'next', title: 'Next paper', keys: 'j', run: () => move(1) },
    { id: 'previous', title: 'Previous paper', keys: 'k', run: () => move(-1) },
    { id: 'open', title: 'Open the paper to read (Space scrolls)', keys: 'Enter / o', run: openDetail },
    { id: 'toggle-read', title: 'Toggle read', keys: 'm', run: toggleRead },
    { id: 'toggle-star', title: 'Toggle star', keys: 's', run: toggleStar },
    { id: 'check', title: 'Select the paper for bulk actions', keys: 'x', run: checkCurrent },
    { id: 'check-all', title: 'Select every paper shown', keys: 'Ctrl+A', run: checkAll },
    { id: 'tag', title: 'Tag the paper or the selection', keys: 't', run: focusTagInput },
    {
      id: 'mark-all-read',
      title: 'Mark everything in this view read',
      keys: 'Shift+A',
      run: () => markViewRead(false)
    },
    {
      id: 'mark-all-read-except-starred',
      title: 'Mark all read except starred',
      run: () => markViewRead(true)
    },
    {
      id: 'open-link',
      title: "Open the paper's link in the browser",
      keys: 'v',
      run: () => void openCurrentLink()
    },
    { id: 'search', title: 'Search', keys: '/', run: host.focusSearch },
    { id: 'escape', title: 'Leave search or selection', keys: 'Esc', run: escape },
    { id: 'view:unread', title: 'Go to Unread', keys: 'g u', run: go('unread') },
    { id: 'view:starred', title: 'Go to Starred', keys: 'g s', run: go('starred') },
    { id: 'view:read', title: 'Go to Read', keys: 'g r', run: go('read') },
    { id: 'view:all', title: 'Go to All', keys: 'g a', run: go('all') },
    { id: 'view:notes', title: 'Go to Notes', keys: 'g n', run: go('notes') },
    { id: 'undo', title: 'Undo', keys: 'z / Ctrl+Z', run: () => void undo() },
    { id: 'import', title: 'Import a digest…', keys: 'Ctrl+O', run: host.openImport },
    { id: 'export', title: 'Export…', keys: 'Ctrl+E', run: host.openExport },
    { id: 'palette', title: 'Command palette', keys: 'Ctrl+K', run: host.openPalette },
    { id: 'shortcuts', title: 'Keyboard shortcuts', keys: '?', run: host.toggleShortcuts },
    { id: 'sort:digest', title: 'Sort in digest order', run: () => setSort('digest') },
    { id: 'sort:newest', title: 'Sort newest first', run: () => setSort('newest') },
    { id: 'sort:title', title: 'Sort by title', run: () => setSort('title') },
    { id: 'theme:light', title: 'Theme: light', run: () => void updateSettings({ theme: 'light' }) },
    { id: 'theme:dark', title: 'Theme: dark', run: () => void updateSettings({ theme: 'dark' }) },
    {
      id: 'theme:system',
      title: 'Theme: follow the system',
      run: () => void updateSettings({ theme: 'system' })
    }
  ]
}

function openDetail(): void {
  document.querySelector<HTMLElement>('.detail')?.focus()
}

function checkCurrent(): void {
  const id = useStore.getState().currentId
  if (id !== null) toggleChecked(id)
}

function focusTagInput(): void {
  document.getElementById('tag-input')?.focus()
}

function escape(): void {
  const s = useStore.getState()
  if (s.checked.length) clearChecked()
  else if (s.search) setSearch('')
}

/** Single keys and `g` sequences, as feed readers have them. */
const KEYMAP: Record<string, string> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  Enter: 'open',
  o: 'open',
  m: 'toggle-read',
  s: 'toggle-star',
  x: 'check',
  t: 'tag',
  A: 'mark-all-read',
  v: 'open-link',
  '/': 'search',
  Escape: 'escape',
  z: 'undo',
  '?': 'shortcuts'
}
const GO_KEYS: Record<string, string> = {
  u: 'view:unread',
  s: 'view:starred',
  r: 'view:read',
  a: 'view:all',
  n: 'view:notes'
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  )
}

export function useKeyboard(host: CommandHost): void {
  const hostRef = useRef(host)
  useEffect(() => {
    hostRef.current = host
  })

  useEffect(() => {
    let pendingG = 0
    const run = (id: string): void => {
      commands(hostRef.current)
        .find((c) => c.id === id)
        ?.run()
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      const global: Record<string, string> = { o: 'import', k: 'palette', e: 'export' }
      if (mod && global[key]) {
        e.preventDefault()
        run(global[key])
        return
      }
      if (typing(e.target)) return
      if (mod && key === 'z') {
        e.preventDefault()
        run('undo')
        return
      }
      if (mod && key === 'a') {
        e.preventDefault()
        run('check-all')
        return
      }
      if (mod || e.altKey) return
      // Buttons and links keep Enter for themselves.
      if (e.key === 'Enter' && (e.target as HTMLElement | null)?.closest('button, a, [role="menuitem"]'))
        return
      if (pendingG && Date.now() - pendingG < 1500) {
        pendingG = 0
        const id = GO_KEYS[e.key]
        if (id) {
          e.preventDefault()
          run(id)
        }
        return
      }
      if (e.key === 'g') {
        pendingG = Date.now()
        return
      }
      const id = KEYMAP[e.key]
      if (id) {
        e.preventDefault()
        run(id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

function useDialogFocus(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null
    ref.current?.focus()
    return () => before?.focus()
  }, [ref])
}

export function ShortcutSheet({ host, onClose }: { host: CommandHost; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null)
  useDialogFocus(closeRef)
  const list = commands(host).filter((c) => c.keys)
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault()
            onClose()
          }
        }}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {list.map((c) => (
            <div key={c.id}>
              <dt>
                {(c.keys ?? '').split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    {k.split(' ').map((part) => (
                      <kbd key={part}>{part}</kbd>
                    ))}
                  </span>
                ))}
              </dt>
              <dd>{c.title}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}

export function CommandPalette({ host, onClose }: { host: CommandHost; onClose: () => void }) {
  const [query, setQuery] = useState('')
  const [index, setIndex] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)
  useDialogFocus(inputRef)
  const matches = useMemo(() => {
    const q = query.toLowerCase().trim()
    return commands(host).filter((c) => c.id !== 'palette' && (!q || c.title.toLowerCase().includes(q)))
  }, [host, query])
  const runAt = (i: number): void => {
    const c = matches[i]
    if (!c) return
    onClose()
    // After the palette has closed and focus is back where it was.
    setTimeout(c.run, 0)
  }
  return (
    <div className="modal-backdrop palette-backdrop" onClick={onClose}>
      <div
        className="modal palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[index] ? `cmd-${matches[index].id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setIndex(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(matches.length - 1, i + 1))
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1))
            else if (e.key === 'Enter') runAt(index)
            else if (e.key === 'Escape') onClose()
            else return
            e.preventDefault()
            e.stopPropagation()
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === index}
              className={i === index ? 'active' : undefined}
              onMouseEnter={() => setIndex(i)}
              onClick={() => runAt(i)}
            >
              <span>{c.title}</span>
              {c.keys && <kbd>{c.keys}</kbd>}
            </li>
          ))}
          {!matches.length && <li className="palette-empty">No command matches.</li>}
        </ul>
      </div>
    </div>
  )
}
