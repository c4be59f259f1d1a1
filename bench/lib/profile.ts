// Where time goes: V8 CPU profiles of the page (through the Chrome DevTools Protocol) summarised as
// self time per function, and the API's time split into statement preparation, SQLite and JavaScript.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, CDPSession, Page } from '@playwright/test'
import type { Db } from '../../src/main/db/connection'
import { watchSql, oneLine } from './sql'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface Hotspot {
  fn: string
  ms: number
  share: number
}

/** Self time per function, heaviest first; idle time is left out of the shares. */
export function hotspots(profile: CpuProfile, top = 12): Hotspot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame
    if (!f) return
    const file = f.url.split('/').at(-1) ?? ''
    const key = `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  self.delete('(idle)')
  const busy = [...self.values()].reduce((a, b) => a + b, 0)
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms), share: Math.round((1000 * ms) / busy) / 10 }))
}

/** Records a CPU profile of the page while `fn` runs; saved as <dir>/<name>.cpuprofile (DevTools opens it). */
export async function profilePage<T>(
  context: BrowserContext,
  page: Page,
  dir: string | undefined,
  name: string,
  fn: () => Promise<T>
): Promise<{ result: T; hotspots: Hotspot[] | null }> {
  if (!dir) return { result: await fn(), hotspots: null }
  const cdp: CDPSession = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
  await cdp.send('Profiler.start')
  const result = await fn()
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
  await cdp.detach()
  writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
  return { result, hotspots: hotspots(profile) }
}

export interface ApiSplit {
  name: string
  /** Microseconds per call. */
  totalUs: number
  prepareUs: number
  sqliteUs: number
  jsUs: number
  statements: Array<{ sql: string; us: number }>
}

/**
 * Splits an API call's time: preparing statements (the app prepares on every call), running them in
 * SQLite, and the JavaScript around them. `fn` is run `runs` times after a warm-up.
 */
export function splitApi(db: Db, name: string, fn: () => unknown, runs: number): ApiSplit {
  for (let i = 0; i < 5; i++) fn()
  const prepare = db.prepare.bind(db)
  let prepareMs = 0
  const bySql = new Map<string, number>()
  let sqliteMs = 0
  db.prepare = ((sql: string) => {
    const t = performance.now()
    try {
      return prepare(sql)
    } finally {
      prepareMs += performance.now() - t
    }
  }) as Db['prepare']
  const t = performance.now()
  try {
    watchSql(
      db,
      () => {
        for (let i = 0; i < runs; i++) fn()
      },
      (call, ms) => {
        sqliteMs += ms
        const key = oneLine(call.sql)
        bySql.set(key, (bySql.get(key) ?? 0) + ms)
      }
    )
  } finally {
    // Back to the prototype's method.
    delete (db as { prepare?: unknown }).prepare
  }
  const total = performance.now() - t
  const us = (ms: number): number => Math.round((1000 * ms) / runs)
  return {
    name,
    totalUs: us(total),
    prepareUs: us(prepareMs),
    sqliteUs: us(sqliteMs),
    jsUs: us(total - prepareMs - sqliteMs),
    statements: [...bySql]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([sql, ms]) => ({ sql: sql.slice(0, 160), us: us(ms) }))
  }
}
