// Issue 8, part 2: whatever a digest or a note holds is shown as inert text. A hostile digest in every
// format (titles, authors, abstracts, links, tags and notes all carrying script, event handlers, frames,
// meta refreshes, base hrefs and javascript:/data:/vbscript: links) is imported with the CLI; the test
// then views every paper, opens every note's preview, clicks every link, and searches. Nothing may run
// (window.__pwned stays undefined), navigate the page, open a dialog, or put a dangerous element or
// attribute into the page. The Content-Security-Policy would stop most payloads anyway; these checks do
// not lean on it. (CSP reports are no signal once a note is previewed: Chromium reports inline handlers even
// while DOMPurify parses the note in its inert DOMParser document. Before that the app must report none.)
import type { Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GOOD_URL, HOSTILE_DIGESTS, HOSTILE_NOTES, PAPERS_PER_DIGEST } from '../reliability/support/payloads'
import { expect, ROOT, rows, SAMPLE, test, viewCount, type AppUnderTest } from './fixtures'

declare global {
  interface Window {
    __pwned?: unknown
    __hostile: string[]
    __violations: string[]
  }
}

interface Listed {
  id: number
  title: string
  authors: string[]
  abstract: string
  note: string
  links: Array<{ url: string }>
}

/** Records, from the first byte of the page on, everything that would mean hostile markup came alive. */
function watchDom(): void {
  window.__hostile = []
  window.__violations = []
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`)
  )
  // The app itself renders none of these: any of them inside the page body came from data.
  const DENY = new Set([
    'SCRIPT',
    'IFRAME',
    'FRAME',
    'OBJECT',
    'EMBED',
    'BASE',
    'META',
    'FORM',
    'MATH',
    'SVG',
    'STYLE',
    'IMG',
    'LINK',
    'TEMPLATE',
    'DETAILS'
  ])
  const why = (el: Element): string | null => {
    if (DENY.has(el.tagName.toUpperCase())) return `<${el.tagName.toLowerCase()}>`
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase()
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') return `${name}=`
      if (
        /^(href|src|action|data|xlink:href|poster)$/.test(name) &&
        /^\s*(javascript|data|vbscript|file):/i.test(a.value)
      ) {
        return `${name}=${a.value.slice(0, 40)}`
      }
    }
    return null
  }
  let armed = false
  // The page's own head and scripts are parsed before this; only what is added afterwards is data.
  document.addEventListener('DOMContentLoaded', () => (armed = true))
  new MutationObserver((records) => {
    if (!armed) return
    for (const r of records) {
      const nodes = r.type === 'attributes' ? [r.target] : Array.from(r.addedNodes)
      for (const node of nodes) {
        if (!(node instanceof Element) || !document.body?.contains(node)) continue
        for (const el of [node, ...Array.from(node.querySelectorAll('*'))]) {
          const reason = why(el)
          if (reason) window.__hostile.push(`${reason} in ${el.outerHTML.slice(0, 160)}`)
        }
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true })
}

/** `npm run cli -- import <file> --db <library> --json`, as one process, without waiting for it. */
function cliImport(
  app: AppUnderTest,
  file: string,
  ...extra: string[]
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/main/cli.ts'),
      'import',
      file,
      '--db',
      app.dbPath,
      '--json',
      ...extra
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stderr })))
}

async function importHostile(app: AppUnderTest): Promise<void> {
  const files = Object.entries(HOSTILE_DIGESTS).map(([name, make]) => {
    const path = join(app.dir, name)
    writeFileSync(path, make(name))
    return path
  })
  // Notes arrive the way a library export carries them.
  const notes = join(app.dir, 'hostile-notes.json')
  writeFileSync(
    notes,
    JSON.stringify({
      papershelf: 1,
      papers: HOSTILE_NOTES.map((note, i) => ({
        title: `Note carrier ${i + 1}`,
        note,
        links: [{ url: GOOD_URL, kind: 'code' }]
      }))
    })
  )
  const run = (file: string) => cliImport(app, file)
  // All at once, as separate CLI processes, into a library none of them has created yet: migrations and
  // SQLite's busy timeout line them up.
  const results = await Promise.all([notes, ...files].map(run))
  for (const r of results) expect(r.status, r.stderr).toBe(0)
}

/** Nothing ran, navigated, asked, or reached the DOM. */
async function expectInert(page: Page, start: string, dialogs: string[], where: string): Promise<void> {
  const state = await page.evaluate(() => ({ pwned: window.__pwned, hostile: window.__hostile }))
  expect(state.pwned, `a payload ran (${where})`).toBeUndefined()
  expect(state.hostile, `hostile markup in the DOM (${where})`).toEqual([])
  expect(page.url(), `the page navigated (${where})`).toBe(start)
  expect(dialogs, `a dialog opened (${where})`).toEqual([])
}

test('hostile titles, authors, abstracts, links and notes stay inert text everywhere', async ({
  app,
  page,
  context
}) => {
  test.setTimeout(150_000)
  await importHostile(app)
  const listed = JSON.parse(app.cli('list', '--json').stdout) as Listed[]
  // Ten formats and the notes, each paper its own: nothing was merged or dropped on the way in.
  expect(listed).toHaveLength(Object.keys(HOSTILE_DIGESTS).length * PAPERS_PER_DIGEST + HOSTILE_NOTES.length)

  await context.addInitScript(watchDom)
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  // Links open in new tabs (browser mode has no system browser): record where they go, fetch nothing.
  const opened: string[] = []
  context.on('page', (p) => {
    void p
      .waitForLoadState('domcontentloaded')
      .catch(() => undefined)
      .then(() => {
        opened.push(p.url())
        return p.close()
      })
  })
  const url = await app.start()
  const origin = new URL(url).origin
  // Nothing leaves the machine: any other site gets a stub page, so that where a link went is recorded.
  await context.route(
    (u) => u.origin !== origin,
    (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'stub' })
  )
  await page.goto(url)
  await expect(viewCount(page, 'All')).toHaveText(String(listed.length))
  const start = page.url()
  const navigations: string[] = []
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()))

  await page.keyboard.press('g')
  await page.keyboard.press('a')
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
  const detail = page.getByRole('region', { name: 'Paper' })

  let notesPreviewed = 0
  let linksSeen = 0
  for (const [i, paper] of listed.entries()) {
    if (i > 0) await page.keyboard.press('j')
    // Exactly the stored text, character for character: shown as text, never parsed as markup.
    await page.waitForFunction((t) => document.querySelector('.detail-title')?.textContent === t, paper.title)
    const shown = await detail.evaluate((el) => ({
      abstract: el.querySelector('.detail-abstract')?.textContent ?? null,
      authors: el.querySelector('.detail-authors')?.textContent ?? null,
      // Link chips name their target in their title.
      chips: Array.from(el.querySelectorAll('[aria-label="Links"] button')).map((b) =>
        b.getAttribute('title')
      )
    }))
    if (paper.abstract) expect(shown.abstract).toBe(paper.abstract)
    if (paper.authors.length) expect(shown.authors).toBe(paper.authors.join(', '))
    for (const target of shown.chips) expect(target).toMatch(/^https?:\/\//)
    linksSeen += shown.chips.length
    if (paper.note) {
      await detail.evaluate((el) =>
        Array.from(el.querySelectorAll('button'))
          .find((b) => b.textContent === 'Preview')
          ?.click()
      )
      const preview = detail.locator('.note-preview')
      await expect(preview).toBeVisible()
      // Every link the preview shows is clicked, hostile ones included: the app must follow none itself.
      const hrefs = await preview.evaluate((el) =>
        Array.from(el.querySelectorAll('a')).map((a) => {
          a.click()
          return a.getAttribute('href')
        })
      )
      for (const href of hrefs) if (href !== null) expect(href).toMatch(/^(https?:|mailto:)/i)
      // The next paper gets a fresh editor, back in Write mode.
      notesPreviewed++
    }
    if (i % 20 === 0) await expectInert(page, start, dialogs, `after paper ${i + 1}`)
  }
  expect(notesPreviewed).toBeGreaterThan(HOSTILE_NOTES.length)
  expect(linksSeen).toBeGreaterThan(listed.length)
  // A typed note goes through the same preview.
  if (await detail.locator('.note-preview').isVisible())
    await detail.getByRole('button', { name: 'Write' }).click()
  await detail.getByRole('textbox', { name: 'Note text (Markdown)' }).fill(HOSTILE_NOTES.join('\n\n'))
  await expect(detail.getByRole('status')).toHaveText('Saved')
  await detail.getByRole('button', { name: 'Preview' }).click()
  await expect(detail.locator('.note-preview')).toContainText('code <b>bold</b>')
  await expectInert(page, start, dialogs, 'after every paper and note')

  // Search, so that titles and snippets come back with highlight marks around hostile words.
  const search = page.getByRole('searchbox', { name: 'Search papers' })
  for (const q of [
    'onerror',
    'script',
    'iframe srcdoc',
    'DROP TABLE',
    'javascript',
    'pwned',
    'Hostile',
    'constructor'
  ]) {
    await search.fill(q)
    await expect(rows(page).first()).toBeVisible()
    // Highlights are <mark> elements around plain text; nothing else may appear inside a row's text.
    expect(await page.locator('[role=option] :is(.row-title, .row-sub) *:not(mark)').count()).toBe(0)
    await page.keyboard.press('Enter')
    await expectInert(page, start, dialogs, `search "${q}"`)
  }

  expect(navigations).toEqual([])
  for (const target of opened)
    expect(target, 'a link opened something other than http(s)').toMatch(/^https?:/)
  await expect.poll(() => opened.some((u) => u.startsWith(GOOD_URL))).toBe(true)

  // The detectors work: markup slipped in on purpose is reported (and CSP still keeps it from running).
  const before = await page.evaluate(() => window.__violations.length)
  await page.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', `<img src=x onerror="window.__pwned='control'">`)
  )
  await expect.poll(() => page.evaluate(() => window.__hostile.length)).toBeGreaterThan(0)
  await expect.poll(() => page.evaluate(() => window.__violations.length)).toBeGreaterThan(before)
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
})

test('starting the app and showing papers makes the Content-Security-Policy report nothing', async ({
  app,
  page,
  context
}) => {
  // zod must be told to run jitless before it first needs a schema, or its `new Function` probe is reported.
  const r = app.cli('import', SAMPLE, '--json')
  expect(r.status, r.stderr).toBe(0)
  await context.addInitScript(watchDom)
  await page.goto(await app.start())
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
  for (let i = 0; i < 5; i++) await page.keyboard.press('j')
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('benchmark')
  await expect(rows(page).first()).toBeVisible()
  expect(await page.evaluate(() => window.__violations)).toEqual([])
})
