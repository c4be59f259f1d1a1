import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useShallow } from 'zustand/react/shallow'
import { checkRange, loadMore, select, toggleChecked, useStore } from '../../stores/store'
import { Marked } from '../../lib/marked'
import type { PaperSummary } from '../../../../shared/types'

const ROW_HEIGHT = 64

function authorsLine(authors: string[]): string {
  if (!authors.length) return ''
  return authors.length > 3 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ')
}

function Row({
  paper,
  current,
  checked,
  top
}: {
  paper: PaperSummary
  current: boolean
  checked: boolean
  top: number
}) {
  return (
    <div
      role="option"
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      id={`paper-${paper.id}`}
      aria-selected={current}
      aria-checked={checked}
      aria-label={`${paper.title}${paper.read ? '' : ', unread'}${paper.starred ? ', starred' : ''}`}
      className={`row${current ? ' current' : ''}${paper.read ? ' read' : ' unread'}${checked ? ' checked' : ''}`}
      onClick={(e) => {
        if (e.shiftKey) checkRange(paper.id)
        else if (e.metaKey || e.ctrlKey) toggleChecked(paper.id)
        else select(paper.id)
      }}
    >
      <span className="row-marks" aria-hidden="true">
        <span className="dot" />
        {paper.starred && <span className="star">★</span>}
      </span>
      <span className="row-text">
        <span className="row-title">
          {paper.markedTitle ? <Marked text={paper.markedTitle} /> : paper.title}
        </span>
        <span className="row-sub">
          {paper.snippet ? <Marked text={paper.snippet} /> : authorsLine(paper.authors) || paper.excerpt}
        </span>
      </span>
      {paper.hasNote && (
        <span className="row-note" title="Has a note" aria-hidden="true">
          ✎
        </span>
      )}
    </div>
  )
}

export function PaperList() {
  const { papers, currentId, checked, loading, nextCursor } = useStore(
    useShallow((s) => ({
      papers: s.papers,
      currentId: s.currentId,
      checked: s.checked,
      loading: s.loading,
      nextCursor: s.nextCursor
    }))
  )
  const parentRef = useRef<HTMLDivElement>(null)
  // The virtualizer is read afresh on every render, which is what this component wants.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: papers.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? 0

  useEffect(() => {
    if (nextCursor && lastIndex >= papers.length - 20) void loadMore()
  }, [lastIndex, papers.length, nextCursor])

  const currentIndex = papers.findIndex((p) => p.id === currentId)
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' })
  }, [currentIndex, virtualizer])

  const checkedSet = new Set(checked)
  return (
    <div
      ref={parentRef}
      className="list-scroll"
      role="listbox"
      aria-label="Papers"
      aria-multiselectable="true"
      aria-activedescendant={currentId !== null && currentIndex >= 0 ? `paper-${currentId}` : undefined}
      aria-busy={loading}
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const paper = papers[item.index] as PaperSummary
          return (
            <Row
              key={paper.id}
              paper={paper}
              top={item.start}
              current={paper.id === currentId}
              checked={checkedSet.has(paper.id)}
            />
          )
        })}
      </div>
    </div>
  )
}
