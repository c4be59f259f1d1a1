// Runs one import off the main thread, on its own connection to the library: parse, then write in one
// transaction. The main thread stays free to answer the UI meanwhile.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/connection'
import { toApiError } from '../errors'
import { parseOptions, writeDigest } from './importer'
import { parseDigest } from './parse'
import type { WorkerInput, WorkerMessage } from './jobs'

const post = (m: WorkerMessage): void => parentPort?.postMessage(m)
const { dbPath, bytes, options } = workerData as WorkerInput

try {
  post({ type: 'phase', phase: 'parsing' })
  const outcome = parseDigest(bytes, parseOptions(options))
  post({ type: 'phase', phase: 'writing', total: outcome.papers.length })
  const db = openDatabase(dbPath)
  try {
    const summary = writeDigest(
      db,
      outcome.papers,
      {
        name: options.name,
        source: options.source ?? null,
        format: outcome.format,
        warnings: outcome.warnings
      },
      (done, total) => post({ type: 'progress', done, total })
    )
    post({ type: 'done', summary })
  } finally {
    db.close()
  }
} catch (err) {
  post({ type: 'failed', error: toApiError(err).message })
}
