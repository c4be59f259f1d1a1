// The UI benchmarks, in Chromium against browser mode: key presses, search keystrokes, mount, scrolling
// the whole list, and start-up. All latencies are measured inside the page (see ui/probe.js).
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { startApp, UI_DIR, waitForBackup } from './browser'
import { log, summarise, type Summary } from './stats'
import type { Query } from './generate'
import { profilePage, type Hotspot } from './profile'

const ROW_HEIGHT = 64

interface Mark {
  changedAt: number
  paintedAt: number | null
}
interface Result {
  keyAt: number | null
  marks: Record<string, Mark>
  timedOut: boolean
}
interface Current {
  id: number | null
  starred: boolean
  nextId: number | null
  nextTitle: string | null
  unread: number
  starredCount: number
  rows: number
}
export interface ScrollResult {
  reachedRows: number
  finished: boolean
  ms: number
  frames: number
  longFrames: number
  worstFrame: number
  waitingFrames: number
  longTasks: number
  longTaskMs: number
}
type Spec = Record<string, { pred: string; args?: Record<string, unknown> }>

// The page's helpers, typed for the harness; page functions only touch globalThis, so no DOM typings.
interface Probe {
  arm: (specs: Spec, timeoutMs?: number) => void
  result: () => Promise<Result>
  current: () => Current
  idle: (quietMs?: number, timeoutMs?: number) => Promise<boolean>
  scroll: (o: {
    selector: string
    step: number
    rows: number
    rowHeight: number
    timeoutMs: number
  }) => Promise<ScrollResult>
  firstRows: () => Promise<number | null>
  timeOrigin: () => number
}
// Page functions are serialised into the page: they reach the probe through globalThis, never a closure.
type W = { __bench: Probe }

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript({ path: join(UI_DIR, 'probe.js') })
  return context
}

/** Opens url in a fresh page and returns it with when its first rows were painted (ms after navigation). */
async function open(context: BrowserContext, url: string): Promise<{ page: Page; mountMs: number }> {
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'commit' })
  const mountMs = await page.evaluate(() => (globalThis as unknown as W).__bench.firstRows())
  if (mountMs === null) throw new Error(`no rows were painted at ${url}`)
  return { page, mountMs }
}

/** Arms the probe, runs the action (a key press, typing), and returns the marks relative to the last key. */
async function measure(
  page: Page,
  specs: Spec,
  action: () => Promise<void>
): Promise<Record<string, number>> {
  await page.evaluate((s) => (globalThis as unknown as W).__bench.arm(s), specs)
  await action()
  const r = await page.evaluate(() => (globalThis as unknown as W).__bench.result())
  if (r.timedOut) throw new Error(`the screen never showed ${JSON.stringify(specs)}`)
  if (r.keyAt === null) throw new Error('the key press never reached the page')
  const out: Record<string, number> = {}
  for (const [name, m] of Object.entries(r.marks)) out[name] = (m.paintedAt ?? NaN) - r.keyAt
  return out
}

const settle = (page: Page, ms = 60): Promise<void> => page.waitForTimeout(ms)

/** Waits until the app has no API call in flight, so that what the screen shows is what the server has. */
async function idle(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as W).__bench.idle())
}

export interface KeyResult {
  key: string
  /** Key press → the list row shows the change, painted. */
  row: Summary
  /** Key press → everything on screen that depends on it is painted (detail pane, sidebar counts). */
  screen: Summary
}

/**
 * j, s and m in the Unread view, as in triage: j moves on (row highlighted, then the detail pane shows the
 * paper); s stars (star on the row, then the sidebar's Starred count); m marks read (the row leaves the
 * view, then the Unread count drops).
 */
export async function keyBench(page: Page, runs: number, keys = ['j', 's', 'm']): Promise<KeyResult[]> {
  const results: KeyResult[] = []
  for (const key of keys) {
    await idle(page)
    const row: number[] = []
    const screen: number[] = []
    for (let i = 0; i < runs; i++) {
      const c = await page.evaluate(() => (globalThis as unknown as W).__bench.current())
      if (c.id === null) throw new Error('no paper is selected')
      let specs: Spec
      if (key === 'j') {
        if (c.nextId === null) break
        specs = {
          row: { pred: 'selected', args: { id: c.nextId } },
          detail: { pred: 'detail', args: { title: c.nextTitle } }
        }
      } else if (key === 's') {
        specs = {
          row: { pred: 'star', args: { id: c.id, starred: !c.starred } },
          count: { pred: 'count', args: { label: 'Starred', value: c.starredCount + (c.starred ? -1 : 1) } }
        }
      } else {
        specs = {
          row: { pred: 'gone', args: { id: c.id } },
          count: { pred: 'count', args: { label: 'Unread', value: c.unread - 1 } }
        }
      }
      const t = await measure(page, specs, () => page.keyboard.press(key))
      row.push(t.row!)
      screen.push(Math.max(...Object.values(t)))
      await idle(page)
      await settle(page)
    }
    results.push({ key, row: summarise(row), screen: summarise(screen) })
  }
  return results
}

export interface SearchKeyResult {
  kind: string
  query: string
  /** The last character typed into a box holding the rest of the query, → results painted. */
  keystroke: Summary
  /** The whole query typed at 100 ms a key (a brisk typist), last key → final results painted. */
  typed: Summary
}

export async function searchKeyBench(
  page: Page,
  queries: Query[],
  runs: number,
  typedRuns: number
): Promise<SearchKeyResult[]> {
  const box = page.getByRole('searchbox', { name: 'Search papers' })
  let value = ''
  // Puts text in the box and waits until its results are on screen (a box left as it was sends nothing).
  const setBox = async (text: string): Promise<void> => {
    if (text === value) return
    await page.evaluate((s) => (globalThis as unknown as W).__bench.arm(s, 120_000), {
      done: { pred: 'searched', args: { search: text } }
    })
    await box.fill(text)
    const r = await page.evaluate(() => (globalThis as unknown as W).__bench.result())
    if (r.timedOut) throw new Error(`the results for "${text}" never showed`)
    value = text
    await settle(page, 150)
  }
  const searched = (query: string): Spec => ({ screen: { pred: 'searched', args: { search: query } } })
  const results: SearchKeyResult[] = []
  for (const { kind, query } of queries) {
    const keystroke: number[] = []
    const typed: number[] = []
    for (let i = 0; i < runs; i++) {
      await setBox(query.slice(0, -1))
      const t = await measure(page, searched(query), () => box.press(query.slice(-1)))
      value = query
      keystroke.push(t.screen!)
      await idle(page)
    }
    for (let i = 0; i < typedRuns; i++) {
      await setBox('')
      const t = await measure(page, searched(query), () => box.pressSequentially(query, { delay: 100 }))
      value = query
      typed.push(t.screen!)
      await idle(page)
    }
    await setBox('')
    results.push({ kind, query, keystroke: summarise(keystroke), typed: summarise(typed) })
    log(
      `      search "${query}": keystroke p95 ${summarise(keystroke).p95.toFixed(0)} ms, typed p95 ${summarise(typed).p95.toFixed(0)} ms`
    )
  }
  return results
}

export interface ScrollOptions {
  rows: number
  /** Pixels per frame: about two screens of the list, a quick drag of the scrollbar. */
  step: number
  timeoutMs: number
}

export async function scrollList(page: Page, o: ScrollOptions): Promise<ScrollResult> {
  return page.evaluate(
    (a) =>
      (globalThis as unknown as W).__bench.scroll({
        selector: '.list-scroll',
        step: a.step,
        rows: a.rows,
        rowHeight: a.rowHeight,
        timeoutMs: a.timeoutMs
      }),
    { ...o, rowHeight: ROW_HEIGHT }
  )
}

export interface UiBench {
  rows: number
  mount: { app: Summary; bare: Summary }
  keys: KeyResult[]
  /** j and s again after the whole list was scrolled (every page loaded into the renderer). */
  keysAfterScroll: KeyResult[]
  search: SearchKeyResult[]
  scroll: { app: ScrollResult; bare: ScrollResult; step: number }
  /** With --cpu-prof: the page's heaviest functions in each phase (profiles saved beside). */
  hotspots: Record<string, Hotspot[]> | null
}

export async function uiBench(o: {
  browser: Browser
  appUrl: string
  bareUrl: string
  rows: number
  queries: Query[]
  mountRuns: number
  keyRuns: number
  searchRuns: number
  typedRuns: number
  /** The app's list is scrolled until its end or for timeoutMs; the bare list then as many rows. */
  scroll: ScrollOptions
  profileDir?: string | undefined
}): Promise<UiBench> {
  const context = await newContext(o.browser)
  const hot: Record<string, Hotspot[]> = {}
  const profiled = async <T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> => {
    const { result, hotspots } = await profilePage(context, page, o.profileDir, name, fn)
    if (hotspots) hot[name] = hotspots
    return result
  }
  try {
    const appMount: number[] = []
    const bareMount: number[] = []
    for (let i = 0; i < o.mountRuns; i++) {
      for (const [url, into] of [
        [o.appUrl, appMount],
        [o.bareUrl, bareMount]
      ] as const) {
        const { page, mountMs } = await open(context, url)
        into.push(mountMs)
        await page.close()
      }
    }
    log(
      `      mount: app ${summarise(appMount).p50.toFixed(0)} ms, bare ${summarise(bareMount).p50.toFixed(0)} ms`
    )

    let { page } = await open(context, o.appUrl)
    await settle(page, 500)
    const keys = await profiled(page, 'keys', () => keyBench(page, o.keyRuns))
    log(`      keys: ${keys.map((k) => `${k.key} ${k.screen.p95.toFixed(0)} ms p95`).join(', ')}`)
    await page.close()

    page = (await open(context, o.appUrl)).page
    await settle(page, 500)
    const search = await profiled(page, 'search', () =>
      searchKeyBench(page, o.queries, o.searchRuns, o.typedRuns)
    )
    await page.close()

    // Scroll the All view, which holds every paper, then the bare list over as many rows.
    page = (await open(context, o.appUrl)).page
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('button', { name: /^All\b/ })
      .click()
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector: (q: string) => { textContent: string } | null }
          }
        ).document.querySelector('h1')?.textContent === 'All papers'
    )
    await settle(page, 500)
    const app = await profiled(page, 'scroll', () => scrollList(page, o.scroll))
    log(
      `      scroll app: ${app.reachedRows} rows, ${app.longFrames} long frames, ${(app.ms / 1000).toFixed(1)} s`
    )
    // The selected paper has scrolled out of view; pick one where the reader now is, as a click would.
    const box = await page.locator('.list-scroll').boundingBox()
    if (!box) throw new Error('the list is not on screen')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await settle(page, 500)
    const keysAfterScroll = await keyBench(page, Math.min(o.keyRuns, 10), ['j', 's'])
    await page.close()

    const bare = await open(context, o.bareUrl)
    await settle(bare.page, 300)
    const bareScroll = await scrollList(bare.page, { ...o.scroll, rows: app.reachedRows, timeoutMs: 600_000 })
    log(
      `      scroll bare: ${bareScroll.reachedRows} rows, ${bareScroll.longFrames} long frames, ${(bareScroll.ms / 1000).toFixed(1)} s`
    )
    await bare.page.close()

    return {
      rows: o.rows,
      mount: { app: summarise(appMount), bare: summarise(bareMount) },
      keys,
      keysAfterScroll,
      search,
      scroll: { app, bare: bareScroll, step: o.scroll.step },
      hotspots: o.profileDir ? hot : null
    }
  } finally {
    await context.close()
  }
}

// ---- start-up --------------------------------------------------------------------------------------

export interface StartupBench {
  label: string
  /** Spawn → first rows painted. */
  total: Summary
  /** Spawn → the server's "ready" line. */
  server: Summary
  /** The very first launch, which also checks the library and takes the day's backup (not in `total`). */
  firstLaunchMs: number
  /**
   * Launches whose server did not exit within 20 s of SIGTERM and had to be killed. A killed server leaves
   * the library marked as not closed cleanly, so the next launch runs the integrity check; the benchmark
   * then spends an unmeasured launch on it.
   */
  uncleanStops: number
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * One launch in a browser context of its own, closed before the server is stopped: browser mode only exits
 * on SIGTERM once the browser has let go of its connections (see docs/benchmarks.md).
 */
async function launchOnce(
  browser: Browser,
  webJs: string,
  dbPath: string
): Promise<{ total: number; server: number; clean: boolean }> {
  const app = await startApp(webJs, dbPath)
  let painted: number | null = null
  let failure: unknown = null
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    await page.goto(app.url, { waitUntil: 'commit' })
    painted = await page.evaluate(async () => {
      const p = (globalThis as unknown as W).__bench
      const at = await p.firstRows()
      return at === null ? null : p.timeOrigin() + at
    })
  } catch (err) {
    failure = err
  } finally {
    await context.close()
  }
  // Let the app finish what the page asked for before it is told to stop.
  await pause(300)
  const clean = await app.stop()
  if (failure) throw failure
  if (painted === null) throw new Error('no rows were painted')
  return { total: painted - app.spawnedAt, server: app.readyAt - app.spawnedAt, clean }
}

/** A launch without a browser, to let the app check the library and take the day's backup. */
export async function settleLibrary(webJs: string, dbPath: string): Promise<void> {
  const app = await startApp(webJs, dbPath)
  await waitForBackup(dbPath)
  await pause(500)
  await app.stop()
}

/** Launch → first rows painted for each library, alternating libraries between runs. */
export async function startupBench(
  browser: Browser,
  webJs: string,
  libraries: Array<{ label: string; path: string }>,
  runs: number
): Promise<StartupBench[]> {
  const first = new Map<string, number>()
  const unclean = new Map<string, number>(libraries.map((l) => [l.label, 0]))
  for (const lib of libraries) {
    // A library the app did not close itself is checked on open, and the first launch of a day takes a
    // backup: both happen here, once, and are reported apart from the measured launches.
    const t = await launchOnce(browser, webJs, lib.path)
    first.set(lib.label, t.total)
    await settleLibrary(webJs, lib.path)
  }
  const totals = new Map<string, number[]>(libraries.map((l) => [l.label, []]))
  const servers = new Map<string, number[]>(libraries.map((l) => [l.label, []]))
  for (let i = 0; i < runs; i++) {
    for (const lib of i % 2 === 0 ? libraries : [...libraries].reverse()) {
      const t = await launchOnce(browser, webJs, lib.path)
      totals.get(lib.label)!.push(t.total)
      servers.get(lib.label)!.push(t.server)
      if (!t.clean) {
        unclean.set(lib.label, unclean.get(lib.label)! + 1)
        await settleLibrary(webJs, lib.path)
      }
    }
  }
  return libraries.map((l) => ({
    label: l.label,
    total: summarise(totals.get(l.label)!),
    server: summarise(servers.get(l.label)!),
    firstLaunchMs: first.get(l.label)!,
    uncleanStops: unclean.get(l.label)!
  }))
}
