import { useShallow } from 'zustand/react/shallow'
import type { View } from '../../../../shared/types'
import { setSelection, updateSettings, useStore, type Selection } from '../../stores/store'
import { TagTree } from '../tags/TagTree'

const VIEWS: Array<{ view: View; label: string; key: string }> = [
  { view: 'unread', label: 'Unread', key: 'g u' },
  { view: 'starred', label: 'Starred', key: 'g s' },
  { view: 'read', label: 'Read', key: 'g r' },
  { view: 'all', label: 'All', key: 'g a' },
  { view: 'notes', label: 'Notes', key: 'g n' }
]

export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
}

function same(a: Selection, b: Selection): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function Sidebar({ onImport }: { onImport: () => void }) {
  const { counts, selection, settings } = useStore(
    useShallow((s) => ({ counts: s.counts, selection: s.selection, settings: s.settings }))
  )
  const item = (sel: Selection, label: string, count: number | undefined, extra?: string) => {
    const active = same(sel, selection)
    return (
      <li key={JSON.stringify(sel)}>
        <button
          type="button"
          className={`nav-item${active ? ' active' : ''}`}
          aria-current={active ? 'page' : undefined}
          onClick={() => setSelection(sel)}
          title={extra}
        >
          <span className="nav-label">{label}</span>
          {count !== undefined && <span className="nav-count">{count.toLocaleString()}</span>}
        </button>
      </li>
    )
  }
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
      <ul className="nav-list" aria-label="Views">
        {VIEWS.map((v) =>
          item({ kind: 'view', view: v.view }, v.label, counts?.[v.view], `Shortcut: ${v.key}`)
        )}
      </ul>
      {counts && counts.digests.length > 0 && (
        <>
          <h2 className="nav-heading">Digests</h2>
          <ul className="nav-list" aria-label="Digests">
            {counts.digests.map((d) => {
              const active = same({ kind: 'digest', id: d.id }, selection)
              return (
                <li key={d.id}>
                  <button
                    type="button"
                    className={`nav-item digest${active ? ' active' : ''}`}
                    aria-current={active ? 'page' : undefined}
                    onClick={() => setSelection({ kind: 'digest', id: d.id })}
                    title={`${d.name} — imported ${new Date(d.importedAt).toLocaleString()}`}
                  >
                    <span className="nav-label">{d.name}</span>
                    <span className="nav-progress">
                      {shortDate(d.importedAt)} · {d.read} of {d.total} read
                    </span>
                    <span className="progress-bar" aria-hidden="true">
                      <span style={{ width: `${d.total ? (100 * d.read) / d.total : 0}%` }} />
                    </span>
                  </button>
                </li>
              )
            })}
          </ul>
        </>
      )}
      <TagTree />
      {settings && (
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
      )}
    </nav>
  )
}
