// The one contract between the renderer and the main process. Preload, web bridge, IPC registration,
// HTTP routing and the CLI are all generated from `contract` by a loop over its keys.
import { z } from './zod'
import { NOTE_MAX_CHARS, type Counts, type ImportSummary, type Paper, type PaperSummary } from './types'
export type { ImportSummary }

const id = z.number().int().positive()
const ids = z.array(id).min(1).max(100_000)

export const VIEWS = ['all', 'unread', 'read', 'starred', 'notes'] as const
export const SORTS = ['digest', 'newest', 'title'] as const

export interface PaperPage {
  papers: PaperSummary[]
  nextCursor: string | null
}

export interface ImportJob {
  id: string
  /** The file's name. */
  name: string
  phase: 'queued' | 'parsing' | 'writing' | 'done' | 'failed' | 'cancelled'
  /** Papers written so far, of total (known once parsing is done). */
  done: number
  total: number
  summary: ImportSummary | null
  /** One sentence, when the import failed. */
  error: string | null
}

export interface BackupRef {
  path: string
  createdAt: string
  reason: string | null
  bytes: number
}

export interface AppInfo {
  version: string
  /** Where the library file is. */
  libraryPath: string
  /** One sentence when opening had to repair or replace the library; shown once. */
  notice: string | null
  desktop: boolean
}

export const EXPORT_FORMATS = ['bibtex', 'ris', 'csv', 'json', 'markdown'] as const

export interface Changed {
  changed: number
}

/** What a paper looked like before a change, so undo can restore exactly that. */
export const stateSnapshot = z.object({
  id,
  read: z.boolean(),
  starred: z.boolean(),
  readAt: z.string().nullable(),
  starredAt: z.string().nullable()
})
export type StateSnapshot = z.infer<typeof stateSnapshot>

export interface StateChange extends Changed {
  /** The previous state of every paper the call changed. */
  before: StateSnapshot[]
}

// A phantom result type rides along with each input schema; nothing is sent at run time for it.
interface Method<S extends z.ZodType, R> {
  input: S
  /** Queries may be retried and never change data; mutations only run once per call. */
  kind: 'query' | 'mutation'
  __result?: R
}
const query =
  <R>() =>
  <S extends z.ZodType>(input: S): Method<S, R> => ({ input, kind: 'query' })
const mutation =
  <R>() =>
  <S extends z.ZodType>(input: S): Method<S, R> => ({ input, kind: 'mutation' })

export const listPapersInput = z
  .object({
    view: z.enum(VIEWS).default('all'),
    digestId: id.optional(),
    tags: z.array(z.string().min(1).max(200)).max(20).optional(),
    search: z.string().max(1000).optional(),
    sort: z.enum(SORTS).default('digest'),
    cursor: z.string().max(200).nullable().optional(),
    limit: z.number().int().min(1).max(500).default(100)
  })
  .strict()
export type ListPapersInput = z.input<typeof listPapersInput>

// No .default() here: a partial update must carry only the keys the user changed.
export const settingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  /** Mark a paper read as soon as it is opened in the detail pane. */
  markReadOnOpen: z.boolean(),
  sidebarWidth: z.number().int().min(160).max(480),
  listWidth: z.number().int().min(260).max(900)
})
export type Settings = z.output<typeof settingsSchema>
export const SETTINGS_DEFAULTS: Settings = {
  theme: 'system',
  markReadOnOpen: false,
  sidebarWidth: 232,
  listWidth: 420
}

const tagName = z.string().trim().min(1).max(200)
export interface TagLink {
  paperId: number
  tag: string
}
const deletedTag = z.object({
  name: tagName,
  color: z.string().max(40).nullable(),
  createdAt: z.string().max(40),
  paperIds: z.array(id).max(1_000_000)
})
export type DeletedTag = z.infer<typeof deletedTag>

export const contract = {
  listPapers: query<PaperPage>()(listPapersInput),
  counts: query<Counts>()(z.object({}).strict()),
  getPaper: query<Paper>()(z.object({ id }).strict()),
  setRead: mutation<StateChange>()(z.object({ ids, read: z.boolean() }).strict()),
  setStarred: mutation<StateChange>()(z.object({ ids, starred: z.boolean() }).strict()),
  /** Marks every unread paper of a view read (optionally sparing starred ones); returns what undo needs. */
  markViewRead: mutation<StateChange>()(
    listPapersInput.pick({ view: true, digestId: true, tags: true, search: true }).extend({
      exceptStarred: z.boolean().default(false)
    })
  ),
  restoreState: mutation<Changed>()(z.object({ items: z.array(stateSnapshot).min(1).max(100_000) }).strict()),
  saveNote: mutation<{ updatedAt: string | null }>()(
    z.object({ id, body: z.string().max(NOTE_MAX_CHARS) }).strict()
  ),
  tagPapers: mutation<{ added: TagLink[] }>()(
    z.object({ ids, names: z.array(tagName).min(1).max(50) }).strict()
  ),
  untagPapers: mutation<{ removed: TagLink[] }>()(
    z.object({ ids, names: z.array(tagName).min(1).max(50) }).strict()
  ),
  /** Renaming onto an existing tag merges the two. */
  renameTag: mutation<{ merged: boolean; name: string }>()(z.object({ id, name: tagName }).strict()),
  setTagColor: mutation<Changed>()(
    z
      .object({
        id,
        color: z
          .string()
          .regex(/^#[0-9a-f]{6}$/i)
          .nullable()
      })
      .strict()
  ),
  deleteTag: mutation<{ deleted: DeletedTag[] }>()(z.object({ id }).strict()),
  restoreTags: mutation<Changed>()(z.object({ tags: z.array(deletedTag).min(1).max(10_000) }).strict()),
  /** The whole library, a view (same filter as listPapers) or the given papers, as one file's text. */
  exportPapers: query<{ fileName: string; text: string; count: number }>()(
    listPapersInput
      .pick({ view: true, digestId: true, tags: true, search: true })
      .extend({
        format: z.enum(EXPORT_FORMATS),
        ids: z.array(id).min(1).max(1_000_000).optional(),
        groupBy: z.enum(['tag', 'digest']).optional()
      })
      .strict()
  ),
  appInfo: query<AppInfo>()(z.object({}).strict()),
  backupNow: mutation<BackupRef>()(z.object({}).strict()),
  listBackups: query<BackupRef[]>()(z.object({}).strict()),
  /** Replaces the library with a backup; the current file is kept aside. */
  restoreBackup: mutation<{ replacedPath: string | null }>()(
    z.object({ path: z.string().min(1).max(4000) }).strict()
  ),
  getSettings: query<Settings>()(z.object({}).strict()),
  updateSettings: mutation<Settings>()(settingsSchema.partial().strict()),
  /** Opens an http(s) link in the system browser; `opened: false` when the host cannot (browser mode). */
  openExternal: mutation<{ opened: boolean }>()(
    z.object({ url: z.url({ protocol: /^https?$/ }).max(4000) }).strict()
  ),
  /** Queues an import; poll importStatus for progress and the summary. */
  startImport: mutation<ImportJob>()(
    z
      .object({
        name: z.string().min(1).max(500),
        /** The file's bytes, base64: the importer detects the encoding itself. */
        data: z.string().max(300 * 1024 * 1024),
        format: z.string().max(40).optional()
      })
      .strict()
  ),
  importStatus: query<ImportJob>()(z.object({ jobId: z.string().max(100) }).strict()),
  cancelImport: mutation<{ cancelled: boolean }>()(z.object({ jobId: z.string().max(100) }).strict())
}

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodResult<M extends MethodName> = NonNullable<Contract[M]['__result']>

/** Pushed from the main process to the renderer (menu commands, imports made elsewhere). */
export type AppEvent = { type: 'import-started'; job: ImportJob } | { type: 'command'; command: string }

/** What the renderer sees as `window.papershelf`. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResult<M>> }

export const methodNames = Object.keys(contract) as MethodName[]

/** Errors travel as data over IPC and HTTP; the bridges turn them back into this. */
export interface ApiErrorShape {
  code: 'invalid_input' | 'not_found' | 'user_error' | 'busy' | 'internal'
  message: string
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string
  ) {
    super(message)
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value
  throw new ApiError(envelope.error.code, envelope.error.message)
}
