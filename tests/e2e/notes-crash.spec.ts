// Issue 5: a note typed through the UI while browser mode is killed with SIGKILL at random moments. After
// every restart the stored note is exactly one of the versions the textarea held (never empty unless
// that was typed, never a mix of two), it is no older than the last version the UI showed as "Saved",
// and every other note, tag and paper is untouched, in a file that passes SQLite's integrity checks.
// PAPERSHELF_SEED replays a run; PAPERSHELF_LONG=1 runs more rounds.
import type { Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { setTimeout as sleep } from 'node:timers/promises'
import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, rows, SAMPLE, test, viewCount } from './fixtures'

const ROUNDS = process.env.PAPERSHELF_LONG === '1' ? 50 : 20

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Library {
  note: string | null
  others: string
  problems: string[]
}

/** What the file holds now, read from outside the app as a restarted app would find it. */
function inspect(dbPath: string, paperId: number): Library {
  const db = new Database(dbPath)
  try {
    const problems: string[] = []
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`)
    try {
      db.prepare("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)").run()
    } catch (err) {
      problems.push(`fts: ${(err as Error).message}`)
    }
    const note = db.prepare('SELECT body FROM notes WHERE paper_id = ?').pluck().get(paperId) as
      string | undefined
    // Everything but the note being typed: other notes, tags, and each paper's own fields and state.
    const others = JSON.stringify([
      db.prepare('SELECT * FROM notes WHERE paper_id <> ? ORDER BY paper_id').all(paperId),
      db.prepare('SELECT * FROM tags ORDER BY id').all(),
      db.prepare('SELECT * FROM paper_tags ORDER BY paper_id, tag_id').all(),
      db.prepare('SELECT id, title, abstract, read, starred FROM papers ORDER BY id').all()
    ])
    return { note: note ?? null, others, problems }
  } finally {
    db.close()
  }
}

/** One editing step: how it changes the text, and how to do it with the keyboard. */
type Step =
  { kind: 'type'; text: string } | { kind: 'backspace'; count: number } | { kind: 'replace'; text: string }

const WORDS = [
  'note',
  'résumé',
  'ablation',
  '😀',
  'RLHF',
  '**bold**',
  '[x](https://example.org)',
  'Zürich',
  '\n- item',
  '中文'
]

function plan(rand: () => number): Step[] {
  const steps: Step[] = []
  const n = 2 + Math.floor(rand() * 4)
  for (let i = 0; i < n; i++) {
    const r = rand()
    const word = WORDS[Math.floor(rand() * WORDS.length)] as string
    if (r < 0.65) steps.push({ kind: 'type', text: ` ${word}` })
    else if (r < 0.85) steps.push({ kind: 'backspace', count: 1 + Math.floor(rand() * 6) })
    else steps.push({ kind: 'replace', text: `Rewritten ${word}` })
  }
  return steps
}

/**
 * Plays the steps with the keyboard, appending to `seen` every value the textarea holds on the way (one
 * per key), and checks after each step that the textarea holds what the model says.
 */
async function play(
  page: Page,
  steps: Step[],
  rand: () => number,
  seen: string[],
  onPause: () => Promise<void>
) {
  const textarea = page.getByRole('textbox', { name: 'Note text (Markdown)' })
  let text = seen.at(-1) as string
  for (const step of steps) {
    if (step.kind === 'backspace') {
      for (let i = 0; i < step.count; i++) {
        await page.keyboard.press('Backspace')
        // One key removes one character as the user sees it (an emoji is two UTF-16 units).
        text = Array.from(text).slice(0, -1).join('')
        seen.push(text)
      }
    } else {
      if (step.kind === 'replace') await page.keyboard.press('ControlOrMeta+A')
      for (const [i, ch] of Array.from(step.text).entries()) {
        await page.keyboard.type(ch)
        // After select-all, the first key replaces everything.
        text = step.kind === 'replace' && i === 0 ? ch : text + ch
        seen.push(text)
      }
    }
    expect(await textarea.inputValue(), 'the test lost track of what was typed').toBe(text)
    // A pause now and then, sometimes past the 400 ms autosave.
    await sleep(rand() < 0.5 ? rand() * 120 : 300 + rand() * 500)
    await onPause()
  }
}

test(`a note typed while browser mode is SIGKILLed at random moments survives ${ROUNDS} crashes`, async ({
  app,
  page
}) => {
  test.setTimeout(ROUNDS * 9_000 + 30_000)
  const given = Number(process.env.PAPERSHELF_SEED)
  const seed = Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1
  console.log(`notes-crash: seed ${seed} (replay with PAPERSHELF_SEED=${seed})`)
  const rand = random(seed)

  // Earlier data worth protecting: the sample digest, then an export whose papers carry notes and tags.
  // The export is the newest digest, so its first paper (with a note already) heads the list: the target.
  const mine = join(app.dir, 'mine.json')
  writeFileSync(
    mine,
    JSON.stringify({
      papershelf: 1,
      papers: [1, 2, 3].map((i) => ({
        title: `Crash-tested paper ${i}`,
        note: `Note ${i} written before any crash: **keep** me.\n\n- résumé 😀`,
        tags: [`crash/${i}`, 'kept'],
        starred: i === 2
      }))
    })
  )
  for (const file of [SAMPLE, mine]) {
    const r = app.cli('import', file, '--json')
    expect(r.status, r.stderr).toBe(0)
  }
  const note = page.getByRole('textbox', { name: 'Note text (Markdown)' })
  const status = page.getByRole('region', { name: 'Paper' }).getByRole('status')

  let paperId = 0
  let before: Library | null = null
  const outcomes = { kept: 0, older: 0, unchanged: 0, deleted: 0 }
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(await app.start())
    await expect(viewCount(page, 'All')).not.toHaveText('0')
    await page.keyboard.press('g')
    await page.keyboard.press('a')
    await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
    if (round === 0) {
      await expect(rows(page).first()).toContainText('Crash-tested paper 1')
      paperId = Number((await rows(page).first().getAttribute('id'))?.replace('paper-', ''))
      before = inspect(app.dbPath, paperId)
      expect(before.note).toMatch(/^Note 1 written before any crash/)
    }
    const stored = inspect(app.dbPath, paperId).note ?? ''
    // What the UI shows after a restart is what the file holds.
    await expect(note).toHaveValue(stored)

    const seen = [stored]
    let acked = 0
    await note.click()
    await page.keyboard.press('ControlOrMeta+End')
    const steps = plan(rand)
    // The kill lands anywhere in the typing: before, between or during saves.
    const killAt = rand() * (600 + steps.length * 450)
    let killed = false
    const killer = sleep(killAt).then(async () => {
      await app.kill()
      killed = true
    })
    await play(page, steps, rand, seen, async () => {
      // "Saved" is shown only after COMMIT: from then on that version must survive.
      if (!killed && (await status.textContent()) === 'Saved' && (await note.inputValue()) === seen.at(-1)) {
        acked = seen.length - 1
      }
    })
    await killer

    // Restarted: the stored note is one of the versions typed, no older than the last one acknowledged.
    const after = inspect(app.dbPath, paperId)
    expect(after.problems).toEqual([])
    expect(after.others, 'another note, a tag or a paper changed').toBe(before?.others)
    const now = after.note ?? ''
    const at = seen.lastIndexOf(now)
    expect(
      at,
      `stored ${JSON.stringify(now)} was never typed (round ${round}, seed ${seed})`
    ).toBeGreaterThanOrEqual(0)
    // No row means an empty note: allowed only if the textarea was empty or blank at some point.
    if (after.note === null)
      expect(
        seen.some((v) => v.trim() === ''),
        'the note was lost'
      ).toBe(true)
    expect(at, `an acknowledged save was lost (round ${round}, seed ${seed})`).toBeGreaterThanOrEqual(acked)
    if (after.note === null && at > 0) outcomes.deleted++
    else if (at === 0) outcomes.unchanged++
    else if (at === seen.length - 1) outcomes.kept++
    else outcomes.older++
  }
  console.log(
    `notes-crash: ${ROUNDS} kills; stored afterwards: the last version typed ${outcomes.kept} times, an ` +
      `earlier version of the session ${outcomes.older} times, the note from before the session ` +
      `${outcomes.unchanged} times (killed before a save landed), an emptied note ${outcomes.deleted} times; ` +
      'nothing else changed'
  )
  // Figures for docs/reliability.md when run by scripts/test-long.mjs.
  const stats = process.env.PAPERSHELF_STATS
  if (stats)
    appendFileSync(stats, JSON.stringify({ suite: 'notes-crash', rounds: ROUNDS, ...outcomes }) + '\n')
})
