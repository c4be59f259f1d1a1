import { useEffect, useRef, type RefObject } from 'react'
import {
  markViewRead,
  move,
  openCurrentLink,
  setSearch,
  setSelection,
  toggleChecked,
  toggleRead,
  toggleStar,
  undo,
  useStore
} from '../../stores/store'
import type { View } from '../../../../shared/types'

export const SHORTCUTS: Array<[string, string]> = [
  ['j / k', 'Next / previous paper'],
  ['m', 'Toggle read'],
  ['s', 'Toggle star'],
  ['x', 'Select the paper (for bulk actions)'],
  ['Shift+A', 'Mark everything in this view read'],
  ['v', "Open the paper's link in the browser"],
  ['/', 'Search'],
  ['Esc', 'Leave search or selection'],
  ['g u / g s / g r / g a / g n', 'Go to Unread / Starred / Read / All / Notes'],
  ['z or Ctrl+Z', 'Undo'],
  ['Ctrl+O', 'Import a digest'],
  ['?', 'Show this sheet']
]

const GO: Record<string, View> = { u: 'unread', s: 'starred', r: 'read', a: 'all', n: 'notes' }

interface Options {
  searchInput: RefObject<HTMLInputElement | null>
  openImport: () => void
  toggleShortcuts: () => void
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  )
}

export function useKeyboard({ searchInput, openImport, toggleShortcuts }: Options): void {
  const pendingG = useRef(0)
  const options = useRef({ openImport, toggleShortcuts })
  useEffect(() => {
    options.current = { openImport, toggleShortcuts }
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey
      if (mod && e.key.toLowerCase() === 'o') {
        e.preventDefault()
        options.current.openImport()
        return
      }
      if (typing(e.target)) return
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault()
        void undo()
        return
      }
      if (mod || e.altKey) return
      if (Date.now() - pendingG.current < 1500) {
        pendingG.current = 0
        const view = GO[e.key]
        if (view) {
          e.preventDefault()
          setSelection({ kind: 'view', view })
        }
        return
      }
      const action: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        m: toggleRead,
        s: toggleStar,
        x: () => {
          const id = useStore.getState().currentId
          if (id !== null) toggleChecked(id)
        },
        A: () => markViewRead(false),
        v: () => void openCurrentLink(),
        '/': () => searchInput.current?.focus(),
        z: () => void undo(),
        g: () => (pendingG.current = Date.now()),
        '?': () => options.current.toggleShortcuts(),
        Escape: () => {
          const s = useStore.getState()
          if (s.checked.length) useStore.setState({ checked: [] })
          else if (s.search) setSearch('')
        }
      }
      const run = action[e.key]
      if (run) {
        e.preventDefault()
        run()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [searchInput])
}

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => closeRef.current?.focus(), [])
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
            e.stopPropagation()
            onClose()
          }
        }}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                {keys.split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{what}</dd>
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
