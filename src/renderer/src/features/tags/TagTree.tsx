import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TagInfo } from '../../../../shared/types'
import {
  deleteTag,
  renameTag,
  setSelection,
  setTagColor,
  toggleTagFilter,
  useStore
} from '../../stores/store'

const COLORS = ['#d9534f', '#e8912d', '#c9a227', '#3f9c5a', '#2f8fb0', '#5b6fd6', '#9a5bc9', '#7a7f87']

function TagRow({ tag, active }: { tag: TagInfo; active: boolean }) {
  const [menu, setMenu] = useState(false)
  const [renaming, setRenaming] = useState(false)
  const rowRef = useRef<HTMLLIElement>(null)
  useEffect(() => {
    if (!menu) return
    // A popover: Escape or a click elsewhere closes it, and Escape goes no further.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault()
        e.stopPropagation()
        setMenu(false)
      }
    }
    const onDown = (e: MouseEvent): void => {
      if (!rowRef.current?.contains(e.target as Node)) setMenu(false)
    }
    window.addEventListener('keydown', onKey, true)
    document.addEventListener('mousedown', onDown)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      document.removeEventListener('mousedown', onDown)
    }
  }, [menu])
  const [name, setName] = useState(tag.name)
  const depth = tag.name.split('/').length - 1
  const leaf = tag.name.split('/').at(-1)
  if (renaming) {
    return (
      <li className="tag-row" style={{ paddingLeft: depth * 14 }}>
        <input
          className="tag-rename"
          aria-label={`New name for tag ${tag.name}`}
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          onBlur={() => setRenaming(false)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setRenaming(false)
              if (name.trim() && name.trim() !== tag.name) void renameTag(tag.id, tag.name, name.trim())
            } else if (e.key === 'Escape') {
              setRenaming(false)
              setName(tag.name)
            }
          }}
        />
      </li>
    )
  }
  return (
    <li className="tag-row" ref={rowRef}>
      <button
        type="button"
        className={`nav-item${active ? ' active' : ''}`}
        aria-current={active ? 'page' : undefined}
        style={{ paddingLeft: 8 + depth * 14 }}
        onClick={(e) => {
          if (e.ctrlKey || e.metaKey) toggleTagFilter(tag.name)
          else setSelection({ kind: 'tag', names: [tag.name] })
        }}
        title="Ctrl-click to filter by several tags at once"
        aria-label={`Tag ${tag.name}, ${tag.count} papers`}
      >
        <span
          className="tag-dot"
          style={tag.color ? { background: tag.color } : undefined}
          aria-hidden="true"
        />
        <span className="nav-label">{leaf}</span>
        <span className="nav-count">{tag.count}</span>
      </button>
      <button
        type="button"
        className="tag-menu-button"
        aria-label={`Manage tag ${tag.name}`}
        aria-expanded={menu}
        onClick={() => setMenu((m) => !m)}
      >
        ⋯
      </button>
      {menu && (
        <div
          className="tag-menu"
          role="menu"
          aria-label={`Tag ${tag.name}`}
          onMouseLeave={() => setMenu(false)}
        >
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(false)
              setName(tag.name)
              setRenaming(true)
            }}
          >
            Rename or merge…
          </button>
          <div className="swatches" role="group" aria-label="Colour">
            {COLORS.map((c) => (
              <button
                key={c}
                type="button"
                className="swatch"
                style={{ background: c }}
                aria-label={`Colour ${c}`}
                onClick={() => {
                  setMenu(false)
                  void setTagColor(tag.id, c)
                }}
              />
            ))}
            <button
              type="button"
              className="swatch none"
              aria-label="No colour"
              onClick={() => {
                setMenu(false)
                void setTagColor(tag.id, null)
              }}
            />
          </div>
          <button
            type="button"
            role="menuitem"
            className="danger"
            onClick={() => {
              setMenu(false)
              void deleteTag(tag.id, tag.name)
            }}
          >
            Delete tag
          </button>
        </div>
      )}
    </li>
  )
}

/** Orders by path, level by level, so every tag sits right under its parent ('ml-x' never splits 'ml'). */
function byPath(a: TagInfo, b: TagInfo): number {
  const pa = a.name.toLowerCase().split('/')
  const pb = b.name.toLowerCase().split('/')
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = (pa[i] as string).localeCompare(pb[i] as string)
    if (c) return c
  }
  return pa.length - pb.length
}

const NO_TAGS: TagInfo[] = []

export function TagTree() {
  const { tags, selection } = useStore(
    useShallow((s) => ({ tags: s.counts?.tags ?? NO_TAGS, selection: s.selection }))
  )
  if (!tags.length) return null
  return (
    <>
      <h2 className="nav-heading">Tags</h2>
      <ul className="nav-list" aria-label="Tags">
        {[...tags].sort(byPath).map((t) => (
          <TagRow
            key={t.id}
            tag={t}
            active={
              selection.kind === 'tag' &&
              selection.names.some((n) => n.toLowerCase() === t.name.toLowerCase())
            }
          />
        ))}
      </ul>
    </>
  )
}
