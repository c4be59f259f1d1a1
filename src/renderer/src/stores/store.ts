import { create } from 'zustand'
import type { StateSnapshot } from '../../../shared/api'
import type { Counts, ImportSummary, Paper, PaperSummary, SortOrder, View } from '../../../shared/types'
import { api, errorMessage } from '../lib/api'

export type Selection =
  { kind: 'view'; view: View } | { kind: 'digest'; id: number } | { kind: 'tag'; name: string }

export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  /** Present when the toast offers to undo the change it reports. */
  undo?: boolean
}

interface UndoEntry {
  label: string
  before: StateSnapshot[]
}

const PAGE = 100

interface State {
  counts: Counts | null
  selection: Selection
  sort: SortOrder
  search: string
  papers: PaperSummary[]
  nextCursor: string | null
  loading: boolean
  /** Bumped on every reload so late answers for an older list are dropped. */
  listVersion: number
  currentId: number | null
  checked: number[]
  detail: Paper | null
  toasts: Toast[]
  undoStack: UndoEntry[]
  importing: boolean
  lastImport: ImportSummary | null
}

const initial: State = {
  counts: null,
  selection: { kind: 'view', view: 'unread' },
  sort: 'digest',
  search: '',
  papers: [],
  nextCursor: null,
  loading: false,
  listVersion: 0,
  currentId: null,
  checked: [],
  detail: null,
  toasts: [],
  undoStack: [],
  importing: false,
  lastImport: null
}

export const useStore = create<State>()(() => initial)

const get = useStore.getState
const set = useStore.setState

let toastSeq = 0
export function toast(message: string, tone: Toast['tone'] = 'info', undo = false): void {
  const id = ++toastSeq
  set((s) => ({ toasts: [...s.toasts.slice(-2), { id, message, tone, undo }] }))
  setTimeout(() => dismissToast(id), tone === 'error' ? 9000 : 6000)
}
export function dismissToast(id: number): void {
  set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
}

function fail(err: unknown): void {
  toast(errorMessage(err), 'error')
}

function listQuery(s: State) {
  const sel = s.selection
  return {
    view: sel.kind === 'view' ? sel.view : ('all' as View),
    ...(sel.kind === 'digest' ? { digestId: sel.id } : {}),
    ...(sel.kind === 'tag' ? { tags: [sel.name] } : {}),
    ...(s.search.trim() ? { search: s.search } : {}),
    sort: s.sort
  }
}

/** Whether a paper still belongs in the list after its state changed. */
function stillMatches(p: PaperSummary, sel: Selection): boolean {
  if (sel.kind !== 'view') return true
  switch (sel.view) {
    case 'unread':
      return !p.read
    case 'read':
      return p.read
    case 'starred':
      return p.starred
    case 'notes':
      return p.hasNote
    default:
      return true
  }
}

export async function refreshCounts(): Promise<void> {
  try {
    set({ counts: await api.counts({}) })
  } catch (err) {
    fail(err)
  }
}

export async function reloadList(keepCurrent = false): Promise<void> {
  const version = get().listVersion + 1
  const keep = keepCurrent ? get().currentId : null
  set({
    listVersion: version,
    loading: true,
    nextCursor: null,
    ...(keepCurrent ? {} : { papers: [], checked: [] })
  })
  try {
    const page = await api.listPapers({ ...listQuery(get()), limit: PAGE })
    if (get().listVersion !== version) return
    const current =
      keep !== null && page.papers.some((p) => p.id === keep) ? keep : (page.papers[0]?.id ?? null)
    set({ papers: page.papers, nextCursor: page.nextCursor, loading: false })
    select(current)
  } catch (err) {
    if (get().listVersion === version) set({ loading: false })
    fail(err)
  }
}

export async function loadMore(): Promise<void> {
  const { nextCursor, loading, listVersion } = get()
  if (!nextCursor || loading) return
  set({ loading: true })
  try {
    const page = await api.listPapers({ ...listQuery(get()), cursor: nextCursor, limit: PAGE })
    if (get().listVersion !== listVersion) return
    const have = new Set(get().papers.map((p) => p.id))
    set((s) => ({
      papers: [...s.papers, ...page.papers.filter((p) => !have.has(p.id))],
      nextCursor: page.nextCursor,
      loading: false
    }))
  } catch (err) {
    set({ loading: false })
    fail(err)
  }
}

let detailSeq = 0
export function select(id: number | null): void {
  set({ currentId: id })
  const seq = ++detailSeq
  if (id === null) {
    set({ detail: null })
    return
  }
  api.getPaper({ id }).then(
    (paper) => {
      if (seq === detailSeq) set({ detail: paper })
    },
    (err: unknown) => {
      if (seq === detailSeq) set({ detail: null })
      fail(err)
    }
  )
}

export function move(delta: number): void {
  const { papers, currentId } = get()
  if (!papers.length) return
  const i = papers.findIndex((p) => p.id === currentId)
  const next = Math.max(0, Math.min(papers.length - 1, i < 0 ? 0 : i + delta))
  const target = papers[next]
  if (target && target.id !== currentId) select(target.id)
  if (next >= papers.length - 10) void loadMore()
}

export function setSelection(selection: Selection): void {
  set({ selection, search: '' })
  void reloadList()
}

export function setSort(sort: SortOrder): void {
  set({ sort })
  void reloadList()
}

export function setSearch(search: string): void {
  set({ search })
  void reloadList()
}

export function toggleChecked(id: number): void {
  set((s) => ({ checked: s.checked.includes(id) ? s.checked.filter((c) => c !== id) : [...s.checked, id] }))
}

/** The papers an action applies to: the checked ones, or else the current one. */
function targets(): PaperSummary[] {
  const { papers, checked, currentId } = get()
  const ids = checked.length ? new Set(checked) : new Set(currentId === null ? [] : [currentId])
  return papers.filter((p) => ids.has(p.id))
}

/** Applies a state change locally, drops papers that left the view and keeps a sensible current paper. */
function applyLocal(ids: Set<number>, patch: Partial<PaperSummary>): void {
  const { papers, currentId, selection, detail } = get()
  const updated = papers.map((p) => (ids.has(p.id) ? { ...p, ...patch } : p))
  const kept = updated.filter((p) => stillMatches(p, selection))
  let nextCurrent = currentId
  if (currentId !== null && !kept.some((p) => p.id === currentId)) {
    // The current paper left the view: move to the one that followed it, as feed readers do.
    const i = papers.findIndex((p) => p.id === currentId)
    const after = papers.slice(i + 1).find((p) => kept.some((k) => k.id === p.id))
    const before = papers
      .slice(0, i)
      .reverse()
      .find((p) => kept.some((k) => k.id === p.id))
    nextCurrent = (after ?? before)?.id ?? null
  }
  set({
    papers: kept,
    checked: [],
    detail: detail && ids.has(detail.id) ? ({ ...detail, ...patch } as Paper) : detail
  })
  if (nextCurrent !== currentId) select(nextCurrent)
}

async function change(
  label: string,
  run: () => Promise<{ before: StateSnapshot[] }>,
  bulk: boolean
): Promise<void> {
  try {
    const { before } = await run()
    if (before.length) {
      set((s) => ({ undoStack: [...s.undoStack.slice(-49), { label, before }] }))
      if (bulk) toast(`${label}`, 'info', true)
    }
  } catch (err) {
    fail(err)
    void reloadList(true)
  }
  void refreshCounts()
}

export function toggleRead(): void {
  const ps = targets()
  if (!ps.length) return
  const read = !ps.every((p) => p.read)
  const ids = ps.map((p) => p.id)
  applyLocal(new Set(ids), { read })
  const label = `${ids.length === 1 ? 'Paper' : `${ids.length} papers`} marked ${read ? 'read' : 'unread'}`
  void change(label, () => api.setRead({ ids, read }), ids.length > 1)
}

export function toggleStar(): void {
  const ps = targets()
  if (!ps.length) return
  const starred = !ps.every((p) => p.starred)
  const ids = ps.map((p) => p.id)
  applyLocal(new Set(ids), { starred })
  const label = `${ids.length === 1 ? 'Paper' : `${ids.length} papers`} ${starred ? 'starred' : 'unstarred'}`
  void change(label, () => api.setStarred({ ids, starred }), ids.length > 1)
}

export function markViewRead(exceptStarred = false): void {
  const { search, ...q } = listQuery(get())
  void change(
    exceptStarred ? 'All marked read except starred' : 'All in this view marked read',
    async () => {
      const result = await api.markViewRead({ ...q, ...(search ? { search } : {}), exceptStarred })
      await reloadList()
      return result
    },
    true
  )
}

export async function undo(): Promise<void> {
  const entry = get().undoStack.at(-1)
  if (!entry) {
    toast('Nothing to undo')
    return
  }
  set((s) => ({ undoStack: s.undoStack.slice(0, -1) }))
  try {
    await api.restoreState({ items: entry.before })
    toast(`Undone: ${entry.label}`)
  } catch (err) {
    fail(err)
  }
  await Promise.all([reloadList(true), refreshCounts()])
}

function toBase64(bytes: Uint8Array): string {
  let s = ''
  // Chunked: String.fromCharCode(...bigArray) would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

export function importSummaryText(s: ImportSummary): string {
  const warn = s.warnings.length ? ` · ${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}` : ''
  return `${s.found} papers · ${s.added} new · ${s.duplicates} already in your library${warn}`
}

export function afterImport(summaries: ImportSummary[], errors: string[]): void {
  for (const e of errors) toast(e, 'error')
  const last = summaries.at(-1)
  if (last) {
    set({ lastImport: last })
    toast(importSummaryText(last))
    void refreshCounts()
    setSelection({ kind: 'digest', id: last.digestId })
  }
}

export async function importFiles(files: File[]): Promise<void> {
  if (!files.length) return
  set({ importing: true })
  const summaries: ImportSummary[] = []
  const errors: string[] = []
  for (const file of files) {
    try {
      const data = toBase64(new Uint8Array(await file.arrayBuffer()))
      summaries.push(await api.importDigest({ name: file.name, data }))
    } catch (err) {
      errors.push(`${file.name}: ${errorMessage(err)}`)
    }
  }
  set({ importing: false })
  afterImport(summaries, errors)
}

export async function openCurrentLink(): Promise<void> {
  const d = get().detail
  const url = d?.url ?? d?.links[0]?.url ?? (d?.arxivId ? `https://arxiv.org/abs/${d.arxivId}` : null)
  if (url) await openLink(url)
}

export async function openLink(url: string): Promise<void> {
  try {
    const { opened } = await api.openExternal({ url })
    if (!opened) window.open(url, '_blank', 'noopener,noreferrer')
  } catch (err) {
    fail(err)
  }
}
