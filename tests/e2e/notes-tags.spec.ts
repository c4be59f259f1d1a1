import type { Page } from '@playwright/test'
import { expect, rows, SAMPLE, test, viewCount, watchErrors, type AppUnderTest } from './fixtures'

async function openSample(app: AppUnderTest, page: Page): Promise<void> {
  const r = app.cli('import', SAMPLE, '--json')
  expect(r.status, r.stderr).toBe(0)
  await page.goto(await app.start())
  await expect(viewCount(page, 'Unread')).toHaveText('208')
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
}

const detail = (page: Page) => page.getByRole('region', { name: 'Paper' })
const tagsNav = (page: Page) =>
  page.getByRole('navigation', { name: 'Library' }).getByRole('list', { name: 'Tags' })

test('a note survives switching papers and a reload, and the Notes view lists it', async ({ app, page }) => {
  const errors = watchErrors(page)
  await openSample(app, page)
  const note = detail(page).getByRole('textbox', { name: 'Note text (Markdown)' })
  await note.fill('Compare with **CLIPZyme**; see https://example.org/care')
  await expect(detail(page).getByRole('status')).toHaveText('Saved')

  await page.keyboard.press('Escape')
  await page.keyboard.press('j')
  await expect(note).toHaveValue('')
  await note.fill('second paper: skim only')
  // Switching paper right away still saves what was typed.
  await page.keyboard.press('Escape')
  await page.keyboard.press('k')
  await expect(note).toHaveValue('Compare with **CLIPZyme**; see https://example.org/care')

  await page.reload()
  await expect(viewCount(page, 'Notes')).toHaveText('2')
  await page.keyboard.press('g')
  await page.keyboard.press('n')
  await expect(rows(page)).toHaveCount(2)
  // Most recently edited first.
  await expect(rows(page).first()).toContainText('Prompt the Unseen')
  await rows(page).nth(1).click()
  await expect(note).toHaveValue('Compare with **CLIPZyme**; see https://example.org/care')
  await detail(page).getByRole('button', { name: 'Preview' }).click()
  await expect(detail(page).locator('.note-preview strong')).toHaveText('CLIPZyme')

  // Notes are searched with everything else.
  await page.keyboard.press('g')
  await page.keyboard.press('a')
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('CLIPZyme skim')
  await expect(rows(page)).toHaveCount(0)
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('skim')
  await expect(rows(page)).toHaveCount(1)
  expect(errors).toEqual([])
})

test('tag three papers from the keyboard, open the tag, rename it, merge it, and undo a delete', async ({
  app,
  page
}) => {
  await openSample(app, page)
  // An existing tag to merge into later.
  await page.keyboard.press('t')
  await page.keyboard.type('benchmarks')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(tagsNav(page).getByRole('button', { name: 'Tag benchmarks, 1 papers' })).toBeVisible()

  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('j')
    await page.keyboard.press('x')
  }
  await expect(page.getByRole('toolbar', { name: 'Selected papers' })).toContainText('3 selected')
  await page.keyboard.press('t')
  await expect(detail(page).getByRole('combobox', { name: 'Tag 3 selected papers' })).toBeFocused()
  await page.keyboard.type('ml/tta')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(tagsNav(page).getByRole('button', { name: 'Tag ml/tta, 3 papers' })).toBeVisible()
  await expect(tagsNav(page).getByRole('button', { name: 'Tag ml, 3 papers' })).toBeVisible()

  await tagsNav(page).getByRole('button', { name: 'Tag ml/tta, 3 papers' }).click()
  await expect(rows(page)).toHaveCount(3)
  // Each row shows its tags after the title (by their last part), and names them to screen readers.
  await expect(rows(page).first().locator('.row-tag')).toHaveText(['tta'])
  await expect(rows(page).first()).toHaveAccessibleName(/, tagged ml\/tta$/)

  // Rename.
  await tagsNav(page).getByRole('button', { name: 'Manage tag ml/tta' }).click()
  await page.getByRole('menuitem', { name: 'Rename or merge…' }).click()
  const rename = page.getByRole('textbox', { name: 'New name for tag ml/tta' })
  await rename.fill('ml/test-time adaptation')
  await rename.press('Enter')
  await expect(
    tagsNav(page).getByRole('button', { name: 'Tag ml/test-time adaptation, 3 papers' })
  ).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'ml/test-time adaptation' })).toBeVisible()

  // Merge into the existing tag by renaming onto it.
  await tagsNav(page).getByRole('button', { name: 'Manage tag ml/test-time adaptation' }).click()
  await page.getByRole('menuitem', { name: 'Rename or merge…' }).click()
  await page.getByRole('textbox', { name: 'New name for tag ml/test-time adaptation' }).fill('benchmarks')
  await page.getByRole('textbox', { name: 'New name for tag ml/test-time adaptation' }).press('Enter')
  await expect(tagsNav(page).getByRole('button', { name: 'Tag benchmarks, 4 papers' })).toBeVisible()
  await expect(
    page.getByRole('status').getByText('Merged “ml/test-time adaptation” into “benchmarks”')
  ).toBeVisible()

  // Delete, then undo.
  await tagsNav(page).getByRole('button', { name: 'Manage tag benchmarks' }).click()
  await page.getByRole('menuitem', { name: 'Delete tag' }).click()
  await expect(tagsNav(page).getByRole('button', { name: /Tag benchmarks/ })).toHaveCount(0)
  await page.keyboard.press('z')
  await expect(tagsNav(page).getByRole('button', { name: 'Tag benchmarks, 4 papers' })).toBeVisible()
  const list = JSON.parse(app.cli('list', '--tag', 'benchmarks', '--json').stdout) as Array<{
    tags: string[]
  }>
  expect(list).toHaveLength(4)
  expect(list.every((p) => p.tags.includes('benchmarks'))).toBe(true)
})

test('filter by several tags at once with Ctrl-click', async ({ app, page }) => {
  await openSample(app, page)
  const addTag = async (name: string): Promise<void> => {
    await page.keyboard.press('t')
    await page.keyboard.type(name)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
  }
  await addTag('survey')
  await addTag('vision')
  await page.keyboard.press('j')
  await addTag('survey')
  await tagsNav(page).getByRole('button', { name: 'Tag survey, 2 papers' }).click()
  await expect(rows(page)).toHaveCount(2)
  await tagsNav(page)
    .getByRole('button', { name: 'Tag vision, 1 papers' })
    .click({ modifiers: ['Control'] })
  await expect(page.getByRole('heading', { level: 1, name: 'survey + vision' })).toBeVisible()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText('CARE: a Benchmark Suite')
})
