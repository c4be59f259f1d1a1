import { clearChecked, markViewRead, setReadFor, setStarredFor, useStore } from '../../stores/store'

/** Shown while papers are checked: what can be done to all of them at once. */
export function BulkBar() {
  const count = useStore((s) => s.checked.length)
  if (!count) return null
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected papers">
      <span className="bulk-count">{count} selected</span>
      <button type="button" onClick={() => setReadFor(true)}>
        Mark read
      </button>
      <button type="button" onClick={() => setReadFor(false)}>
        Mark unread
      </button>
      <button type="button" onClick={() => setStarredFor(true)}>
        Star
      </button>
      <button type="button" onClick={() => setStarredFor(false)}>
        Unstar
      </button>
      <button type="button" onClick={() => document.getElementById('tag-input')?.focus()}>
        Tag…
      </button>
      <button type="button" className="bulk-clear" onClick={clearChecked} aria-label="Clear selection (Esc)">
        Clear
      </button>
    </div>
  )
}

export function ViewActions() {
  const hasPapers = useStore((s) => s.papers.length > 0)
  if (!hasPapers) return null
  return (
    <div className="view-actions">
      <button type="button" onClick={() => markViewRead(false)} title="Shift+A">
        Mark all read
      </button>
      <button type="button" onClick={() => markViewRead(true)}>
        …except starred
      </button>
    </div>
  )
}
