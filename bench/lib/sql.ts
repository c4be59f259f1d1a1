// Watching what SQL the app runs, without touching the app: better-sqlite3's Statement methods are
// wrapped for the duration of a callback. Used for EXPLAIN QUERY PLAN checks and per-statement timings.
import type { Db } from '../../src/main/db/connection'

type Method = 'run' | 'get' | 'all' | 'iterate'
const METHODS: Method[] = ['run', 'get', 'all', 'iterate']

export interface SqlCall {
  sql: string
  params: unknown[]
}

export interface SqlTiming {
  sql: string
  calls: number
  ms: number
}

/** Collapses whitespace so that one statement reads as one line in a report. */
export function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim()
}

/**
 * Runs fn with every statement execution on db reported to `onCall` (with its duration). The wrapper is
 * removed afterwards, even when fn throws. The prototype is shared by all connections, hence the check.
 */
export function watchSql<T>(db: Db, fn: () => T, onCall: (call: SqlCall, ms: number) => void): T {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<Method, (...a: unknown[]) => unknown>
  const originals = METHODS.map((m) => [m, proto[m]] as const)
  for (const [m, original] of originals) {
    proto[m] = function (this: { source: string; database: Db }, ...params: unknown[]) {
      if (this.database !== db) return original.apply(this, params)
      const t = performance.now()
      try {
        return original.apply(this, params)
      } finally {
        onCall({ sql: this.source, params }, performance.now() - t)
      }
    }
  }
  try {
    return fn()
  } finally {
    for (const [m, original] of originals) proto[m] = original
  }
}

/** Per-statement time spent inside SQLite while fn runs, heaviest first. */
export function timeSql<T>(db: Db, fn: () => T): { result: T; timings: SqlTiming[]; totalMs: number } {
  const bySql = new Map<string, SqlTiming>()
  const t = performance.now()
  const result = watchSql(db, fn, (call, ms) => {
    const key = oneLine(call.sql)
    const entry = bySql.get(key) ?? { sql: key, calls: 0, ms: 0 }
    entry.calls++
    entry.ms += ms
    bySql.set(key, entry)
  })
  return { result, timings: [...bySql.values()].sort((a, b) => b.ms - a.ms), totalMs: performance.now() - t }
}

export interface Plan {
  sql: string
  plan: string[]
  tempBtree: boolean
}

/** EXPLAIN QUERY PLAN of every distinct statement fn runs, with the parameters it really used. */
export function plansOf(db: Db, fn: () => unknown): Plan[] {
  const calls = new Map<string, SqlCall>()
  watchSql(db, fn, (call) => {
    if (!calls.has(call.sql) && /^\s*(SELECT|WITH)/i.test(call.sql)) calls.set(call.sql, call)
  })
  return [...calls.values()].map(({ sql, params }) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
    const plan = rows.map((r) => r.detail)
    return { sql: oneLine(sql), plan, tempBtree: plan.some((d) => d.includes('TEMP B-TREE')) }
  })
}
