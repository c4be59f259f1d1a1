import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { View } from '../../../../shared/types'
import { setSelection, updateSettings, useStore } from '../../stores/store'
import { TagTree } from '../tags/TagTree'

const VIEWS: Array<{ view: View; label: string; key: string }> = [
  { view: 'unread', label: 'Unread', key: 'g u' },
  { view: 'starred', label: 'Starred', key: 'g s' },
  { view: 'read', label: 'Read', key: 'g r' },
  { view: 'all', label: 'All', key: 'g a' },
  { view: 'notes', label: 'Notes', key: 'g n' }
]

// Built once: toLocaleDateString with options builds a new formatter on every call, which with hundreds
// of digests was most of the sidebar's render time.
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })

export function shortDate(iso: string): string {
  return SHORT_DATE.format(new Date(iso))
}

function ViewNav() {
  const { counts, active } = useStore(
    useShallow((s) => ({
      counts: s.counts,
      active: s.selection.kind === 'view' ? s.selection.view : null
    }))
  )
  return (
    <ul className="nav-list" aria-label="Views">
      {VIEWS.map(({ view, label, key }) => {
        const count = counts?.[view]
        return (
          <li key={view}>
            <button
              type="button"
              className={`nav-item${view === active ? ' active' : ''}`}
              aria-current={view === active ? 'page' : undefined}
              onClick={() => setSelection({ kind: 'view', view })}
              title={`Shortcut: ${key}`}
            >
              <span className="nav-label">{label}</span>
              {count !== undefined && <span className="nav-count">{count.toLocaleString()}</span>}
            </button>
          </li>
        )
      })}
    </ul>
  )
}

// Memoised on plain values: counts arrive as new objects after every change, yet most digests are as they were.
const DigestItem = memo(function DigestItem({
  id,
  name,
  importedAt,
  read,
  total,
  active
}: {
  id: number
  name: string
  importedAt: string
  read: number
  total: number
  active: boolean
}) {
  return (
    <li>
      <button
        type="button"
        className={`nav-item digest${active ? ' active' : ''}`}
        aria-current={active ? 'page' : undefined}
        onClick={() => setSelection({ kind: 'digest', id })}
        title={`${name} — imported ${new Date(importedAt).toLocaleString()}`}
      >
        <span className="nav-label">{name}</span>
        <span className="nav-progress">
          {shortDate(importedAt)} · {read} of {total} read
        </span>
        <span className="progress-bar" aria-hidden="true">
          <span style={{ width: `${total ? (100 * read) / total : 0}%` }} />
        </span>
      </button>
    </li>
  )
})

function DigestNav() {
  const { digests, activeId } = useStore(
    useShallow((s) => ({
      digests: s.counts?.digests,
      activeId: s.selection.kind === 'digest' ? s.selection.id : null
    }))
  )
  if (!digests?.length) return null
  return (
    <>
      <h2 className="nav-heading">Digests</h2>
      <ul className="nav-list" aria-label="Digests">
        {digests.map((d) => (
          <DigestItem
            key={d.id}
            id={d.id}
            name={d.name}
            importedAt={d.importedAt}
            read={d.read}
            total={d.total}
            active={d.id === activeId}
          />
        ))}
      </ul>
    </>
  )
}

function SettingsFooter() {
  const settings = useStore((s) => s.settings)
  if (!settings) return null
  return (
    <div className="sidebar-footer">
      <label>
        Theme{' '}
        <select
          value={settings.theme}
          onChange={(e) => void updateSettings({ theme: e.target.value as typeof settings.theme })}
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.markReadOnOpen}
          onChange={(e) => void updateSettings({ markReadOnOpen: e.target.checked })}
        />{' '}
        Mark read when opened
      </label>
    </div>
  )
}

/** Each part subscribes to what it shows, so a change re-renders that part only. */
export const Sidebar = memo(function Sidebar({ onImport }: { onImport: () => void }) {
  return (
    <nav className="sidebar" aria-label="Library">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ▤
        </span>
        Papershelf
      </div>
      <button type="button" className="import-button" onClick={onImport}>
        Import digest…
      </button>
      <ViewNav />
      <DigestNav />
      <TagTree />
      <SettingsFooter />
    </nav>
  )
})
