// Runs imports for the parent test in its own process, one request at a time, so that a hang can be
// ended with a kill and a crash cannot take the test runner down with it. Started by ImportProcess.
import { basename } from 'node:path'
import { openDatabase } from '../../../src/main/db/connection'
import { toApiError } from '../../../src/main/errors'
import { readDigestFile } from '../../../src/main/import/file'
import { importDigest } from '../../../src/main/import/importer'
import { ImportError } from '../../../src/main/import/types'
import type { ImportReply, ImportRequest } from './import-process'

// What the built-in prototypes look like before any input was parsed: anything added later is pollution.
const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype }
const baseline = Object.fromEntries(
  Object.entries(PROTOTYPES).map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))])
)

function pollution(): string[] {
  const found: string[] = []
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    for (const key of Reflect.ownKeys(proto)) {
      if (!baseline[name]?.has(key)) found.push(`${name}.prototype.${String(key)}`)
    }
  }
  if (({} as Record<string, unknown>).polluted !== undefined) found.push('({}).polluted')
  return found
}

process.on('message', (req: ImportRequest) => {
  const started = performance.now()
  let reply: ImportReply
  try {
    const db = openDatabase(req.dbPath)
    try {
      const summary = importDigest(db, readDigestFile(req.file), {
        name: basename(req.file),
        source: req.file,
        format: req.format
      })
      reply = { id: req.id, ok: true, summary, ms: 0, polluted: [] }
    } finally {
      db.close()
    }
  } catch (err) {
    const e = err as Error
    reply = {
      id: req.id,
      ok: false,
      errorName: e?.constructor?.name ?? typeof err,
      isImportError: err instanceof ImportError,
      message: String(e?.message),
      cause: e?.cause === undefined ? null : String((e.cause as Error)?.message ?? e.cause),
      userMessage: toApiError(err).message,
      ms: 0,
      polluted: []
    }
  }
  reply.ms = performance.now() - started
  reply.polluted = pollution()
  process.send?.(reply)
})
process.on('disconnect', () => process.exit(0))
