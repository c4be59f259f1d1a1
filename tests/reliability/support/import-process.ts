// The parent's side of import-child.ts: sends one import at a time and waits for it, up to a deadline.
// Past the deadline the child is killed and the case reported as hung; a fresh child takes the next case.
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ImportSummary } from '../../../src/shared/types'
import { ROOT } from './env'

export interface ImportRequest {
  id: number
  file: string
  dbPath: string
  format?: string
}

interface Common {
  id: number
  /** How long the import took inside the child. */
  ms: number
  /** Keys added to the built-in prototypes since the child started. */
  polluted: string[]
}
export type ImportReply = Common &
  (
    | { ok: true; summary: ImportSummary }
    | {
        ok: false
        errorName: string
        isImportError: boolean
        message: string
        /** Set when a parser crashed and the importer only wrapped the crash. */
        cause: string | null
        /** What the CLI or the UI would show. */
        userMessage: string
      }
  )

export type ImportOutcome =
  ImportReply | { id: number; hung: true; ms: number } | { id: number; died: string }

const CHILD = join(ROOT, 'tests/reliability/support/import-child.ts')
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href

export class ImportProcess {
  private child: ChildProcess | null = null
  private seq = 0

  private spawn(): ChildProcess {
    const child = fork(CHILD, [], {
      cwd: ROOT,
      execArgv: ['--import', TSX, '--max-old-space-size=6144'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    this.child = child
    return child
  }

  run(request: Omit<ImportRequest, 'id'>, timeoutMs: number): Promise<ImportOutcome> {
    const child = this.child ?? this.spawn()
    const id = ++this.seq
    const started = performance.now()
    return new Promise((resolve) => {
      const done = (outcome: ImportOutcome): void => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(outcome)
      }
      const onMessage = (m: ImportReply): void => {
        if (m.id === id) done(m)
      }
      const onExit = (code: number | null, signal: string | null): void => {
        this.child = null
        done({ id, died: `the import process exited (${signal ?? code})` })
      }
      const timer = setTimeout(() => {
        child.off('exit', onExit)
        child.kill('SIGKILL')
        this.child = null
        done({ id, hung: true, ms: performance.now() - started })
      }, timeoutMs)
      child.on('message', onMessage)
      child.on('exit', onExit)
      child.send({ ...request, id })
    })
  }

  close(): void {
    this.child?.kill('SIGKILL')
    this.child = null
  }
}
