import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject
} from 'react'
import { flushSync } from 'react-dom'
import { useShallow } from 'zustand/react/shallow'
import { checkRange, indexOfPaper, loadMore, select, toggleChecked, useStore } from '../../stores/store'
import { Marked } from '../../lib/marked'
import type { PaperSummary } from '../../../../shared/types'

const ROW_HEIGHT = 64
/** Rows rendered beyond each edge of the view, so a quick scroll does not show blank space first. */
const OVERSCAN = 8

function authorsLine(authors: string[]): string {
  if (!authors.length) return ''
  return authors.length > 3 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ')
}

/** Characters of tag names a row shows after its title before it counts the rest instead. */
const ROW_TAG_CHARS = 18

/** The paper's tags after its title, by their last part (`vision` for `ml/vision`), as many as fit, and a count. */
function RowTags({ tags }: { tags: string[] }) {
  if (!tags.length) return null
  const names = tags.map((t) => t.slice(t.lastIndexOf('/') + 1))
  let shown = 1
  let used = names[0]?.length ?? 0
  while (shown < names.length && used + (names[shown]?.length ?? 0) <= ROW_TAG_CHARS) {
    used += names[shown]?.length ?? 0
    shown++
  }
  return (
    <span className="row-tags" aria-hidden="true" title={tags.join(', ')}>
      {names.slice(0, shown).map((name, i) => (
        <span key={tags[i]} className="row-tag">
          {name}
        </span>
      ))}
      {names.length > shown && <span className="row-tag more">+{names.length - shown}</span>}
    </span>
  )
}

// Memoised: a scroll frame re-renders the list, but only rows that came into view need rendering.
const Row = memo(function Row({
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
      aria-label={`${paper.title}${paper.read ? '' : ', unread'}${paper.starred ? ', starred' : ''}${
        paper.tags.length ? `, tagged ${paper.tags.join(', ')}` : ''
      }`}
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
        <span className="row-title-line">
          <span className="row-title">
            {paper.markedTitle ? <Marked text={paper.markedTitle} /> : paper.title}
          </span>
          <RowTags tags={paper.tags} />
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
})

/**
 * The rows a scroller of fixed-height rows shows, as [first, end), and a function that re-reads them. Rows
 * are all ROW_HEIGHT tall, so this is arithmetic: nothing grows with the length of the list.
 */
function useRowsInView(ref: RefObject<HTMLElement | null>): [{ first: number; end: number }, () => void] {
  const [view, setView] = useState({ first: 0, end: 0 })
  const measure = useCallback((): void => {
    const el = ref.current
    if (!el) return
    const first = Math.floor(el.scrollTop / ROW_HEIGHT)
    const end = Math.ceil((el.scrollTop + el.clientHeight) / ROW_HEIGHT)
    setView((v) => (v.first === first && v.end === end ? v : { first, end }))
  }, [ref])
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    measure()
    // Synchronously, so that the frame a scroll paints already has its rows.
    const onScroll = (): void => flushSync(measure)
    el.addEventListener('scroll', onScroll, { passive: true })
    const resize = new ResizeObserver(measure)
    resize.observe(el)
    return () => {
      el.removeEventListener('scroll', onScroll)
      resize.disconnect()
    }
  }, [ref, measure])
  return [view, measure]
}

export const PaperList = memo(function PaperList() {
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
  const [view, measure] = useRowsInView(parentRef)
  const first = Math.max(0, view.first - OVERSCAN)
  const last = Math.min(papers.length, view.end + OVERSCAN) - 1

  useEffect(() => {
    if (nextCursor && last >= papers.length - 20) void loadMore()
  }, [last, papers.length, nextCursor])

  const currentIndex = indexOfPaper(papers, currentId)
  // Keeps the current paper in view, before the frame is painted.
  useLayoutEffect(() => {
    const el = parentRef.current
    if (!el || currentIndex < 0) return
    const top = currentIndex * ROW_HEIGHT
    if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight
    else if (top < el.scrollTop) el.scrollTop = top
    else return
    measure()
  }, [currentIndex, measure])

  const checkedSet = useMemo(() => new Set(checked), [checked])
  const rows: ReactNode[] = []
  for (let i = first; i <= last; i++) {
    const paper = papers[i] as PaperSummary
    rows.push(
      <Row
        key={paper.id}
        paper={paper}
        top={i * ROW_HEIGHT}
        current={paper.id === currentId}
        checked={checkedSet.has(paper.id)}
      />
    )
  }
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
      <div style={{ height: papers.length * ROW_HEIGHT, position: 'relative' }}>{rows}</div>
    </div>
  )
})
