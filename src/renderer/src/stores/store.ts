import { create } from 'zustand'
import type { ImportJob, Settings, StateSnapshot, TagLink } from '../../../shared/api'
import type { Counts, ImportSummary, Paper, PaperSummary, SortOrder, View } from '../../../shared/types'
import { api, errorMessage } from '../lib/api'

export type Selection =
  { kind: 'view'; view: View } | { kind: 'digest'; id: number } | { kind: 'tag'; names: string[] }

export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  /** Present when the toast offers to undo the change it reports. */
  undo?: boolean
}

interface UndoEntry {
  label: string
  run: () => Promise<unknown>
}

const PAGE = 100

interface State {
  counts: Counts | null
  settings: Settings | null
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
  /** Where a Shift-click range starts. */
  anchorId: number | null
  detail: Paper | null
  toasts: Toast[]
  undoStack: UndoEntry[]
  /** Imports under way, with their progress. */
  imports: ImportJob[]
}

const initial: State = {
  counts: null,
  settings: null,
  selection: { kind: 'view', view: 'unread' },
  sort: 'digest',
  search: '',
  papers: [],
  nextCursor: null,
  loading: false,
  listVersion: 0,
  currentId: null,
  checked: [],
  anchorId: null,
  detail: null,
  toasts: [],
  undoStack: [],
  imports: []
}

export const useStore = create<State>()(() => initial)

const get = useStore.getState
const set = useStore.setState

// ---- toasts ------------------------------------------------------------------------------------------

let toastSeq = 0
export function toast(message: string, tone: Toast['tone'] = 'info', undo = false, sticky = false): void {
  const id = ++toastSeq
  set((s) => ({ toasts: [...s.toasts.slice(-2), { id, message, tone, undo }] }))
  if (!sticky) setTimeout(() => dismissToast(id), tone === 'error' ? 10_000 : 6000)
}
export function dismissToast(id: number): void {
  set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
}

function fail(err: unknown): void {
  toast(errorMessage(err), 'error')
}

// ---- undo --------------------------------------------------------------------------------------------

/** Records how to undo a change the server has committed; bulk changes also say so in a toast. */
function remember(label: string, run: () => Promise<unknown>, announce: boolean): void {
  set((s) => ({ undoStack: [...s.undoStack.slice(-49), { label, run }] }))
  if (announce) toast(label, 'info', true)
}

export async function undo(): Promise<void> {
  const entry = get().undoStack.at(-1)
  if (!entry) {
    toast('Nothing to undo')
    return
  }
  set((s) => ({ undoStack: s.undoStack.slice(0, -1) }))
  try {
    await entry.run()
    toast(`Undone: ${entry.label}`)
  } catch (err) {
    fail(err)
  }
  await Promise.all([reloadList(true), refreshCounts()])
}

// ---- loading -----------------------------------------------------------------------------------------

export function listQuery(s: Pick<State, 'selection' | 'search' | 'sort'>) {
  const sel = s.selection
  return {
    view: sel.kind === 'view' ? sel.view : ('all' as View),
    ...(sel.kind === 'digest' ? { digestId: sel.id } : {}),
    ...(sel.kind === 'tag' ? { tags: sel.names } : {}),
    ...(s.search.trim() ? { search: s.search } : {}),
    sort: s.sort
  }
}

/** Whether `tag` is `name` or nested below it (any case), as the server's tag filter has it. */
export function inTag(tag: string, name: string): boolean {
  const t = tag.toLowerCase()
  const n = name.toLowerCase()
  return t === n || t.startsWith(n + '/')
}

/** Whether a paper still belongs in the list after its state changed. */
function stillMatches(p: PaperSummary, sel: Selection): boolean {
  if (sel.kind === 'tag') return sel.names.every((name) => p.tags.some((t) => inTag(t, name)))
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
    const counts = await api.counts({})
    set({ counts })
    // A tag that was renamed or deleted leaves its view.
    const sel = get().selection
    if (sel.kind === 'tag') {
      const names = sel.names.filter((n) => counts.tags.some((t) => t.name.toLowerCase() === n.toLowerCase()))
      if (!names.length) setSelection({ kind: 'view', view: 'unread' })
      else if (names.length < sel.names.length) setSelection({ kind: 'tag', names })
    }
  } catch (err) {
    fail(err)
  }
}

/** Says once, at start, if the library had to be repaired or replaced from a backup. */
export async function showStartupNotice(): Promise<void> {
  try {
    const { notice } = await api.appInfo({})
    if (notice) toast(notice, 'error', false, true)
  } catch (err) {
    fail(err)
  }
}

export async function loadSettings(): Promise<void> {
  try {
    set({ settings: await api.getSettings({}) })
  } catch (err) {
    fail(err)
  }
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  const current = get().settings
  if (current) set({ settings: { ...current, ...patch } })
  try {
    set({ settings: await api.updateSettings(patch) })
  } catch (err) {
    fail(err)
  }
}

export async function reloadList(keepCurrent = false): Promise<void> {
  const version = get().listVersion + 1
  set({
    listVersion: version,
    loading: true,
    nextCursor: null,
    ...(keepCurrent ? {} : { papers: [], checked: [] })
  })
  try {
    const page = await api.listPapers({ ...listQuery(get()), limit: PAGE })
    if (get().listVersion !== version) return
    // The paper current now, not when the reload began: the user may have moved on meanwhile.
    const keep = keepCurrent ? get().currentId : null
    const current =
      keep !== null && page.papers.some((p) => p.id === keep) ? keep : (page.papers[0]?.id ?? null)
    set({ papers: page.papers, nextCursor: page.nextCursor, loading: false })
    if (current !== get().currentId || !keepCurrent) select(current, { markRead: false })
    else refreshDetail()
  } catch (err) {
    if (get().listVersion === version) set({ loading: false })
    fail(err)
  }
}

/**
 * Where each paper of the latest list is, so that finding a paper by id does not walk a list that scrolling
 * may have grown to the whole library. Handed on to the next list when a change leaves every paper in its
 * place (a page appended, a paper starred); anything else rebuilds it on the next lookup.
 */
let positions: { papers: PaperSummary[]; at: Map<number, number> } | null = null

/** The index of paper `id` in `papers` (the store's list), or -1. */
export function indexOfPaper(papers: PaperSummary[], id: number | null): number {
  if (id === null) return -1
  if (positions?.papers !== papers) {
    const at = new Map<number, number>()
    papers.forEach((p, i) => at.set(p.id, i))
    positions = { papers, at }
  }
  return positions.at.get(id) ?? -1
}

/** `next` holds the papers of `prev` at the same indices, and maybe more after them. */
function keepPositions(prev: PaperSummary[], next: PaperSummary[]): void {
  if (positions?.papers !== prev) return
  for (let i = prev.length; i < next.length; i++) positions.at.set((next[i] as PaperSummary).id, i)
  positions = { papers: next, at: positions.at }
}

export async function loadMore(): Promise<void> {
  const { nextCursor, loading, listVersion } = get()
  if (!nextCursor || loading) return
  set({ loading: true })
  try {
    const page = await api.listPapers({ ...listQuery(get()), cursor: nextCursor, limit: PAGE })
    if (get().listVersion !== listVersion) return
    const loaded = get().papers
    const papers = loaded.concat(page.papers.filter((p) => indexOfPaper(loaded, p.id) < 0))
    keepPositions(loaded, papers)
    set({ papers, nextCursor: page.nextCursor, loading: false })
  } catch (err) {
    set({ loading: false })
    fail(err)
  }
}

let detailSeq = 0
function refreshDetail(): void {
  const id = get().currentId
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

export function select(id: number | null, { markRead = true } = {}): void {
  set({ currentId: id, anchorId: id })
  refreshDetail()
  const { papers } = get()
  const p = papers[indexOfPaper(papers, id)]
  if (markRead && p && !p.read && get().settings?.markReadOnOpen) {
    // Opened papers stay in the list until it reloads, so j/k keep their place.
    applyLocal(new Set([p.id]), { read: true }, true)
    void change('Paper marked read', () => api.setRead({ ids: [p.id], read: true }), false)
  }
}

export function move(delta: number): void {
  const { papers, currentId } = get()
  if (!papers.length) return
  const i = indexOfPaper(papers, currentId)
  const next = Math.max(0, Math.min(papers.length - 1, i < 0 ? 0 : i + delta))
  const target = papers[next]
  if (target && target.id !== currentId) select(target.id)
  if (next >= papers.length - 10) void loadMore()
}

export function setSelection(selection: Selection): void {
  set({ selection, search: '' })
  void reloadList()
}

/** Ctrl/Cmd-click on a tag: add it to (or drop it from) the tags the list must all carry. */
export function toggleTagFilter(name: string): void {
  const sel = get().selection
  const names = sel.kind === 'tag' ? sel.names : []
  const has = names.some((n) => n.toLowerCase() === name.toLowerCase())
  const next = has ? names.filter((n) => n.toLowerCase() !== name.toLowerCase()) : [...names, name]
  setSelection(next.length ? { kind: 'tag', names: next } : { kind: 'view', view: 'all' })
}

export function setSort(sort: SortOrder): void {
  set({ sort })
  void reloadList()
}

export function setSearch(search: string): void {
  set({ search })
  void reloadList()
}

// ---- checked papers (bulk selection) -----------------------------------------------------------------

export function toggleChecked(id: number): void {
  set((s) => ({
    checked: s.checked.includes(id) ? s.checked.filter((c) => c !== id) : [...s.checked, id],
    anchorId: id
  }))
}

/** Shift-click: checks every paper between the anchor and this one. */
export function checkRange(id: number): void {
  const { papers, anchorId, checked } = get()
  const a = indexOfPaper(papers, anchorId ?? id)
  const b = indexOfPaper(papers, id)
  if (a < 0 || b < 0) return toggleChecked(id)
  const range = papers.slice(Math.min(a, b), Math.max(a, b) + 1).map((p) => p.id)
  set({ checked: [...new Set([...checked, ...range])] })
}

export function checkAll(): void {
  set((s) => ({ checked: s.papers.map((p) => p.id) }))
}

export function clearChecked(): void {
  set({ checked: [] })
}

/** The papers an action applies to: the checked ones, or else the current one. */
function targets(): PaperSummary[] {
  const { papers, checked, currentId } = get()
  const ids = checked.length ? checked : currentId === null ? [] : [currentId]
  return ids
    .map((id) => indexOfPaper(papers, id))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)
    .map((i) => papers[i] as PaperSummary)
}

export function targetIds(): number[] {
  return targets().map((p) => p.id)
}

// ---- changes -----------------------------------------------------------------------------------------

/** Applies a change locally, drops papers that left the view and keeps a sensible current paper. */
function applyLocal(ids: Set<number>, patch: Partial<PaperSummary>, keepInView = false): void {
  const { papers, currentId, selection, detail } = get()
  const current = indexOfPaper(papers, currentId)
  // Only the changed papers are visited: the list may hold the whole library.
  const updated = papers.slice()
  const leaving = new Set<number>()
  // The sidebar's counts move with the row, in the same frame; change() then fetches the server's.
  let nowRead = 0
  let nowStarred = 0
  for (const id of ids) {
    const i = indexOfPaper(papers, id)
    if (i < 0) continue
    const old = papers[i] as PaperSummary
    const p = { ...old, ...patch }
    updated[i] = p
    nowRead += Number(p.read) - Number(old.read)
    nowStarred += Number(p.starred) - Number(old.starred)
    if (!keepInView && !stillMatches(p, selection)) leaving.add(id)
  }
  const kept = leaving.size ? updated.filter((p) => !leaving.has(p.id)) : updated
  if (!leaving.size) keepPositions(papers, updated)
  let nextCurrent = currentId
  if (currentId !== null && (current < 0 || leaving.has(currentId))) {
    // The current paper left the view: move to the one that followed it, as feed readers do.
    const stays = (i: number): boolean => !leaving.has((papers[i] as PaperSummary).id)
    let after = current + 1
    while (after < papers.length && !stays(after)) after++
    let before = current - 1
    while (before >= 0 && !stays(before)) before--
    nextCurrent = (papers[after] ?? papers[before])?.id ?? null
  }
  set({
    papers: kept,
    checked: keepInView ? get().checked : [],
    detail: detail && ids.has(detail.id) ? ({ ...detail, ...patch } as Paper) : detail,
    counts: countsAfter(get().counts, selection, nowRead, nowStarred)
  })
  if (nextCurrent !== currentId) select(nextCurrent, { markRead: false })
}

/** Counts with `read` more papers read and `starred` more starred (either may be negative). */
function countsAfter(counts: Counts | null, sel: Selection, read: number, starred: number): Counts | null {
  if (!counts || (read === 0 && starred === 0)) return counts
  return {
    ...counts,
    unread: counts.unread - read,
    read: counts.read + read,
    starred: counts.starred + starred,
    // Papers listed in a digest's view are in that digest; which other digests hold them, only the server knows.
    digests:
      sel.kind === 'digest' && read !== 0
        ? counts.digests.map((d) => (d.id === sel.id ? { ...d, read: d.read + read } : d))
        : counts.digests
  }
}

async function change(
  label: string,
  run: () => Promise<{ before: StateSnapshot[] }>,
  bulk: boolean
): Promise<void> {
  try {
    const { before } = await run()
    if (before.length) remember(label, () => api.restoreState({ items: before }), bulk)
  } catch (err) {
    fail(err)
    void reloadList(true)
  }
  void refreshCounts()
}

const papersLabel = (n: number): string => (n === 1 ? 'Paper' : `${n} papers`)

export function setReadFor(read: boolean): void {
  const ids = targetIds()
  if (!ids.length) return
  applyLocal(new Set(ids), { read })
  void change(
    `${papersLabel(ids.length)} marked ${read ? 'read' : 'unread'}`,
    () => api.setRead({ ids, read }),
    ids.length > 1
  )
}

export function setStarredFor(starred: boolean): void {
  const ids = targetIds()
  if (!ids.length) return
  applyLocal(new Set(ids), { starred })
  void change(
    `${papersLabel(ids.length)} ${starred ? 'starred' : 'unstarred'}`,
    () => api.setStarred({ ids, starred }),
    ids.length > 1
  )
}

export function toggleRead(): void {
  const ps = targets()
  if (ps.length) setReadFor(!ps.every((p) => p.read))
}

export function toggleStar(): void {
  const ps = targets()
  if (ps.length) setStarredFor(!ps.every((p) => p.starred))
}

export function markViewRead(exceptStarred = false): void {
  const { search, sort: _sort, ...q } = listQuery(get())
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

// ---- tags --------------------------------------------------------------------------------------------

function groupByTag(links: TagLink[]): Map<string, number[]> {
  const m = new Map<string, number[]>()
  for (const l of links) m.set(l.tag, [...(m.get(l.tag) ?? []), l.paperId])
  return m
}

async function afterTagChange(): Promise<void> {
  await Promise.all([refreshCounts(), reloadList(true)])
}

export async function tagTargets(name: string, ids = targetIds()): Promise<void> {
  if (!ids.length || !name.trim()) return
  try {
    const { added } = await api.tagPapers({ ids, names: [name] })
    if (added.length) {
      remember(
        `Tagged ${papersLabel(added.length).toLowerCase()} “${added[0]?.tag}”`,
        async () => {
          for (const [tag, paperIds] of groupByTag(added))
            await api.untagPapers({ ids: paperIds, names: [tag] })
        },
        ids.length > 1
      )
    }
  } catch (err) {
    fail(err)
  }
  await afterTagChange()
}

export async function untag(ids: number[], name: string): Promise<void> {
  try {
    const { removed } = await api.untagPapers({ ids, names: [name] })
    if (removed.length) {
      remember(
        `Removed tag “${name}”`,
        async () => {
          for (const [tag, paperIds] of groupByTag(removed))
            await api.tagPapers({ ids: paperIds, names: [tag] })
        },
        ids.length > 1
      )
    }
  } catch (err) {
    fail(err)
  }
  await afterTagChange()
}

export async function renameTag(id: number, from: string, to: string): Promise<void> {
  try {
    const { merged, name } = await api.renameTag({ id, name: to })
    if (name === from) return
    const sel = get().selection
    if (sel.kind === 'tag') {
      set({
        selection: {
          kind: 'tag',
          names: sel.names.map((n) => (n.toLowerCase() === from.toLowerCase() ? name : n))
        }
      })
    }
    toast(merged ? `Merged “${from}” into “${name}”` : `Renamed “${from}” to “${name}”`)
  } catch (err) {
    fail(err)
  }
  await afterTagChange()
}

export async function deleteTag(id: number, name: string): Promise<void> {
  try {
    const { deleted } = await api.deleteTag({ id })
    remember(`Deleted tag “${name}”`, () => api.restoreTags({ tags: deleted }), true)
  } catch (err) {
    fail(err)
  }
  await afterTagChange()
}

export async function setTagColor(id: number, color: string | null): Promise<void> {
  try {
    await api.setTagColor({ id, color })
  } catch (err) {
    fail(err)
  }
  await refreshCounts()
}

// ---- notes -------------------------------------------------------------------------------------------

/** Keeps the list's note marker and the Notes count in step after a save committed. */
export function noteSaved(id: number, body: string, updatedAt: string | null): void {
  const hasNote = body.trim() !== ''
  set((s) => ({
    papers: s.papers.map((p) => (p.id === id ? { ...p, hasNote } : p)),
    detail: s.detail?.id === id ? { ...s.detail, note: body, noteUpdatedAt: updatedAt } : s.detail
  }))
  void refreshCounts()
}

// ---- import and links --------------------------------------------------------------------------------

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

const FINISHED = new Set(['done', 'failed', 'cancelled'])

/** Polls an import until it ends, keeping its progress on screen, then shows the result. */
export async function followImport(job: ImportJob): Promise<void> {
  let current = job
  set((s) => ({ imports: [...s.imports.filter((j) => j.id !== job.id), job] }))
  while (!FINISHED.has(current.phase)) {
    await new Promise((r) => setTimeout(r, 150))
    try {
      current = await api.importStatus({ jobId: job.id })
    } catch (err) {
      current = { ...current, phase: 'failed', error: errorMessage(err) }
    }
    set((s) => ({ imports: s.imports.map((j) => (j.id === job.id ? current : j)) }))
  }
  set((s) => ({ imports: s.imports.filter((j) => j.id !== job.id) }))
  if (current.phase === 'failed') toast(`${current.name}: ${current.error ?? 'the import failed.'}`, 'error')
  else if (current.phase === 'cancelled') toast(`Import of ${current.name} cancelled; nothing was imported.`)
  else if (current.summary) {
    toast(importSummaryText(current.summary))
    await refreshCounts()
    setSelection({ kind: 'digest', id: current.summary.digestId })
  }
}

export async function cancelImport(jobId: string): Promise<void> {
  try {
    await api.cancelImport({ jobId })
  } catch (err) {
    fail(err)
  }
}

export async function importFiles(files: File[]): Promise<void> {
  for (const file of files) {
    try {
      const data = toBase64(new Uint8Array(await file.arrayBuffer()))
      void followImport(await api.startImport({ name: file.name, data }))
    } catch (err) {
      toast(`${file.name}: ${errorMessage(err)}`, 'error')
    }
  }
}

export async function importText(text: string): Promise<void> {
  const name = `Pasted ${new Date().toLocaleString()}`
  await importFiles([new File([text], name, { type: 'text/plain' })])
}

export async function openCurrentLink(): Promise<void> {
  const d = get().detail
  const url = d?.url ?? d?.links[0]?.url ?? (d?.arxivId ? `https://arxiv.org/abs/${d.arxivId}` : null)
  if (url) await openLink(url)
  else if (d) toast('This paper has no link.')
}

export async function openLink(url: string): Promise<void> {
  try {
    const { opened } = await api.openExternal({ url })
    if (!opened) window.open(url, '_blank', 'noopener,noreferrer')
  } catch (err) {
    fail(err)
  }
}
