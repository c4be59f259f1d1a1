// Imports as jobs: parsed and written off the main thread when a worker is available, one at a time,
// with progress the UI polls and a cancel that leaves the library exactly as it was.
import { Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ImportJob } from '../../shared/api'
import type { ImportSummary } from '../../shared/types'
import type { Db } from '../db/connection'
import { toApiError, UserError } from '../errors'
import { importDigest, type ImportOptions } from './importer'

/** Messages from the worker (see worker.ts). */
export type WorkerMessage =
  | { type: 'phase'; phase: 'parsing' | 'writing'; total?: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: string }

export interface WorkerInput {
  dbPath: string
  bytes: Uint8Array
  options: ImportOptions
}

interface Entry {
  job: ImportJob
  input: { bytes: Uint8Array; options: ImportOptions }
  worker?: Worker
  finished?: () => void
}

const KEEP_FINISHED = 50

/** The built worker beside the built main code; null when running from source (tsx, vitest). */
export function builtWorkerUrl(mainUrl: string): URL | null {
  const url = new URL('./import-worker.js', mainUrl)
  return existsSync(fileURLToPath(url)) ? url : null
}

export class ImportJobs {
  private readonly jobs = new Map<string, Entry>()
  private queue: Entry[] = []
  private running: Entry | null = null
  private seq = 0

  /**
   * @param workerUrl the built worker script; without one (tests, the CLI) jobs run inline, which blocks
   *   the event loop while they run but behaves the same.
   */
  constructor(
    private readonly db: Db,
    private readonly dbPath: string,
    private readonly workerUrl: URL | null
  ) {}

  start(bytes: Uint8Array, options: ImportOptions): ImportJob {
    const id = `import-${Date.now().toString(36)}-${++this.seq}`
    const job: ImportJob = {
      id,
      name: options.name,
      phase: 'queued',
      done: 0,
      total: 0,
      summary: null,
      error: null
    }
    const entry: Entry = { job, input: { bytes, options } }
    this.jobs.set(id, entry)
    this.queue.push(entry)
    this.prune()
    queueMicrotask(() => this.next())
    return { ...job }
  }

  status(id: string): ImportJob {
    const entry = this.jobs.get(id)
    if (!entry)
      throw new UserError('not_found', 'That import is no longer known; it may have finished long ago.')
    return { ...entry.job }
  }

  /** Cancels a queued or running import; a running one is stopped before it commits anything. */
  async cancel(id: string): Promise<boolean> {
    const entry = this.jobs.get(id)
    if (!entry || !['queued', 'parsing', 'writing'].includes(entry.job.phase)) return false
    const worker = entry.worker
    this.queue = this.queue.filter((e) => e !== entry)
    // Marked first, so the worker's exit below is not taken for a failure.
    this.finish(entry, { phase: 'cancelled' })
    // Terminating the worker drops its connection mid-transaction: SQLite rolls the import back.
    await worker?.terminate()
    return true
  }

  /** Resolves when every queued import has ended (for quitting and for tests). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) {
      const entry = this.running ?? this.queue[0]
      if (!entry) break
      await new Promise<void>((r) => {
        const prev = entry.finished
        entry.finished = () => {
          prev?.()
          r()
        }
      })
    }
  }

  private finish(entry: Entry, patch: Partial<ImportJob>): void {
    if (['done', 'failed', 'cancelled'].includes(entry.job.phase)) return
    Object.assign(entry.job, patch)
    entry.worker = undefined
    // The bytes can be large: let them go as soon as the job is over.
    entry.input.bytes = new Uint8Array(0)
    if (this.running === entry) this.running = null
    entry.finished?.()
    queueMicrotask(() => this.next())
  }

  private next(): void {
    if (this.running) return
    const entry = this.queue.shift()
    if (!entry) return
    this.running = entry
    if (this.workerUrl) this.runInWorker(entry, this.workerUrl)
    else this.runInline(entry)
  }

  private runInline(entry: Entry): void {
    entry.job.phase = 'parsing'
    try {
      const summary = importDigest(this.db, entry.input.bytes, entry.input.options)
      this.finish(entry, { phase: 'done', summary, done: summary.found, total: summary.found })
    } catch (err) {
      this.finish(entry, { phase: 'failed', error: toApiError(err).message })
    }
  }

  private runInWorker(entry: Entry, url: URL): void {
    const input: WorkerInput = { dbPath: this.dbPath, bytes: entry.input.bytes, options: entry.input.options }
    const worker = new Worker(url, { workerData: input })
    entry.worker = worker
    entry.job.phase = 'parsing'
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'phase') Object.assign(entry.job, { phase: m.phase, total: m.total ?? entry.job.total })
      else if (m.type === 'progress') Object.assign(entry.job, { done: m.done, total: m.total })
      else if (m.type === 'done')
        this.finish(entry, { phase: 'done', summary: m.summary, done: m.summary.found })
      else this.finish(entry, { phase: 'failed', error: m.error })
    })
    worker.on('error', (err) => this.finish(entry, { phase: 'failed', error: toApiError(err).message }))
    worker.on('exit', () =>
      this.finish(entry, { phase: 'failed', error: 'The import stopped unexpectedly; nothing was imported.' })
    )
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) =>
      ['done', 'failed', 'cancelled'].includes(e.job.phase)
    )
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.jobs.delete(e.job.id)
  }
}
