import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PaperSummary } from '../../../shared/types'

// The store talks to the app through lib/api; here a fake library answers instead.
const server = vi.hoisted(() => ({ pages: [] as Array<{ papers: unknown[]; nextCursor: string | null }> }))
vi.mock('../lib/api', () => ({
  api: {
    listPapers: vi.fn(async () => server.pages.shift() ?? { papers: [], nextCursor: null }),
    getPaper: vi.fn(() => new Promise(() => {})),
    setRead: vi.fn(async () => ({ before: [] })),
    setStarred: vi.fn(async () => ({ before: [] })),
    counts: vi.fn(() => new Promise(() => {}))
  },
  errorMessage: (err: unknown) => String(err)
}))

const {
  indexOfPaper,
  loadMore,
  move,
  reloadList,
  setSelection,
  targetIds,
  toggleChecked,
  toggleRead,
  toggleStar,
  useStore
} = await import('./store')

function paper(id: number, patch: Partial<PaperSummary> = {}): PaperSummary {
  return {
    id,
    title: `Paper ${id}`,
    authors: [],
    read: false,
    starred: false,
    hasNote: false,
    tags: [],
    excerpt: '',
    ...patch
  }
}

/** Loads a list of the given pages (ids), as the server would send them, in the given view. */
async function show(view: 'unread' | 'all', ...pages: number[][]): Promise<void> {
  server.pages = pages.map((ids, i) => ({
    papers: ids.map((id) => paper(id)),
    nextCursor: i < pages.length - 1 ? `c${i}` : null
  }))
  useStore.setState({ selection: { kind: 'view', view }, search: '' })
  await reloadList()
  for (let i = 1; i < pages.length; i++) await loadMore()
}

const ids = (): number[] => useStore.getState().papers.map((p) => p.id)
const current = (): number | null => useStore.getState().currentId

describe('the list in the store', () => {
  beforeEach(() => {
    setSelection({ kind: 'view', view: 'unread' })
    useStore.setState({ papers: [], checked: [], currentId: null })
  })

  it('appends pages, leaving out papers it already has, and finds papers by id', async () => {
    await show('all', [1, 2, 3], [3, 4], [5, 1, 6])
    expect(ids()).toEqual([1, 2, 3, 4, 5, 6])
    const papers = useStore.getState().papers
    expect(papers.map((p) => indexOfPaper(papers, p.id))).toEqual([0, 1, 2, 3, 4, 5])
    expect(indexOfPaper(papers, 99)).toBe(-1)
    expect(indexOfPaper(papers, null)).toBe(-1)
  })

  it('moves with j/k across pages', async () => {
    await show('all', [1, 2], [3, 4])
    expect(current()).toBe(1)
    move(1)
    move(1)
    expect(current()).toBe(3)
    move(-1)
    expect(current()).toBe(2)
  })

  it('starring in All keeps the paper in place and current', async () => {
    await show('all', [1, 2, 3])
    move(1)
    toggleStar()
    expect(ids()).toEqual([1, 2, 3])
    expect(useStore.getState().papers[1]?.starred).toBe(true)
    expect(current()).toBe(2)
    expect(indexOfPaper(useStore.getState().papers, 3)).toBe(2)
  })

  it('marking read in Unread drops the paper and moves on to the next one, or else the one before', async () => {
    await show('unread', [1, 2, 3])
    move(1)
    toggleRead()
    expect(ids()).toEqual([1, 3])
    expect(current()).toBe(3)
    toggleRead()
    expect(ids()).toEqual([1])
    expect(current()).toBe(1)
    expect(indexOfPaper(useStore.getState().papers, 1)).toBe(0)
    toggleRead()
    expect(ids()).toEqual([])
    expect(current()).toBe(null)
  })

  it('acts on checked papers in list order and clears them when they leave', async () => {
    await show('unread', [1, 2, 3, 4])
    toggleChecked(4)
    toggleChecked(2)
    expect(targetIds()).toEqual([2, 4])
    toggleRead()
    expect(ids()).toEqual([1, 3])
    expect(useStore.getState().checked).toEqual([])
    expect(current()).toBe(1)
  })

  it('moves the sidebar counts with the change, before the server answers', async () => {
    const digest = { id: 7, name: 'd', source: null, format: 'json', importedAt: '', found: 3, added: 3 }
    const counts = {
      all: 3,
      unread: 3,
      read: 0,
      starred: 0,
      notes: 0,
      digests: [{ ...digest, duplicates: 0, total: 3, read: 0 }],
      tags: []
    }
    useStore.setState({ counts })
    server.pages = [{ papers: [paper(1), paper(2), paper(3)], nextCursor: null }]
    setSelection({ kind: 'digest', id: 7 })
    await new Promise((r) => setTimeout(r, 0))
    toggleStar()
    toggleChecked(2)
    toggleChecked(3)
    toggleRead()
    expect(useStore.getState().counts).toMatchObject({
      unread: 1,
      read: 2,
      starred: 1,
      digests: [{ id: 7, total: 3, read: 2 }]
    })
  })
})
