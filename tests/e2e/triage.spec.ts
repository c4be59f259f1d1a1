import type { Page } from '@playwright/test'
import { expect, rows, SAMPLE, test, viewCount, watchErrors, type AppUnderTest } from './fixtures'

async function openSample(app: AppUnderTest, page: Page): Promise<void> {
  const r = app.cli('import', SAMPLE, '--json')
  expect(r.status, r.stderr).toBe(0)
  await page.goto(await app.start())
  await expect(viewCount(page, 'Unread')).toHaveText('208')
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
}

const current = (page: Page) => rows(page).and(page.locator('[aria-selected="true"]'))
const titleOf = (page: Page) => page.getByRole('region', { name: 'Paper' }).getByRole('heading', { level: 1 })

test('triage by keyboard only: j/k, s, m, and the counts follow', async ({ app, page }) => {
  const errors = watchErrors(page)
  await openSample(app, page)
  await expect(titleOf(page)).toHaveText(
    'CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes'
  )

  await page.keyboard.press('j')
  await expect(current(page)).toContainText('Prompt the Unseen')
  await expect(titleOf(page)).toContainText('Prompt the Unseen')
  await page.keyboard.press('j')
  await page.keyboard.press('k')
  await expect(current(page)).toContainText('Prompt the Unseen')

  await page.keyboard.press('s')
  await expect(viewCount(page, 'Starred')).toHaveText('1')
  await expect(current(page)).toHaveAccessibleName(/starred/)

  // Marking read in Unread: the paper leaves the view, the next one is selected, the count drops by one.
  await page.keyboard.press('m')
  await expect(viewCount(page, 'Unread')).toHaveText('207')
  await expect(current(page)).not.toContainText('Prompt the Unseen')
  await expect(page.getByRole('option', { name: /Prompt the Unseen/ })).toHaveCount(0)

  await page.keyboard.press('g')
  await page.keyboard.press('s')
  await expect(page.getByRole('heading', { level: 1, name: 'Starred' })).toBeVisible()
  await expect(rows(page)).toHaveCount(1)
  await page.keyboard.press('g')
  await page.keyboard.press('r')
  await expect(rows(page)).toHaveCount(1)
  await page.keyboard.press('g')
  await page.keyboard.press('a')
  await expect(page.getByRole('heading', { level: 1, name: 'All papers' })).toBeVisible()
  expect(errors).toEqual([])
})

test('Shift+A on a digest, then z, restores every paper exactly', async ({ app, page }) => {
  await openSample(app, page)
  // Some prior state that undo must put back as it was.
  await page.keyboard.press('s')
  await page.keyboard.press('j')
  await page.keyboard.press('m')
  await expect(viewCount(page, 'Unread')).toHaveText('207')
  const before = app.cli('list', '--json')
  const stateOf = (json: string) =>
    (JSON.parse(json) as Array<{ id: number; read: boolean; starred: boolean }>).map((p) => [
      p.id,
      p.read,
      p.starred
    ])

  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /hf-daily-papers-sample/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'hf-daily-papers-sample.txt' })).toBeVisible()
  await expect(page.getByText('1 of 208 read').first()).toBeVisible()
  await page.keyboard.press('Shift+A')
  await expect(viewCount(page, 'Unread')).toHaveText('0')
  await expect(page.getByText('208 of 208 read').first()).toBeVisible()
  await expect(page.getByRole('status').getByText('All in this view marked read')).toBeVisible()

  await page.keyboard.press('z')
  await expect(viewCount(page, 'Unread')).toHaveText('207')
  expect(stateOf(app.cli('list', '--json').stdout)).toEqual(stateOf(before.stdout))
})

test('search for "entropy minimization" lists the matching papers with highlights', async ({ app, page }) => {
  await openSample(app, page)
  await page.keyboard.press('g')
  await page.keyboard.press('a')
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search papers' })).toBeFocused()
  // A lone letter is not searched: the whole view stays, and the header says why.
  await page.keyboard.type('e')
  await expect(page.locator('.list-count')).toHaveText('Keep typing to search')
  await expect(rows(page).first().locator('mark')).toHaveCount(0)
  await page.keyboard.type('ntropy minimization')
  const options = rows(page)
  await expect(options.first()).toBeVisible()
  const n = await options.count()
  expect(n).toBeGreaterThan(0)
  for (let i = 0; i < n; i++) {
    await expect(options.nth(i).locator('mark').first()).toBeVisible()
  }
  await expect(
    options
      .first()
      .locator('mark')
      .filter({ hasText: /^entropy$/i })
      .first()
  ).toBeVisible()
  await page.screenshot({ path: 'docs/screenshot-search.png' })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('')
})

test('bulk: select three papers with x and star them at once, with one undo', async ({ app, page }) => {
  await openSample(app, page)
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await expect(page.getByRole('toolbar', { name: 'Selected papers' })).toContainText('3 selected')
  await page.keyboard.press('s')
  await expect(viewCount(page, 'Starred')).toHaveText('3')
  await expect(page.getByRole('status').getByText('3 papers starred')).toBeVisible()
  await page.getByRole('button', { name: 'Undo (z)' }).click()
  await expect(viewCount(page, 'Starred')).toHaveText('0')
})

test('the shortcut sheet and the command palette list the actions', async ({ app, page }) => {
  await openSample(app, page)
  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toBeVisible()
  await expect(sheet).toContainText('Toggle star')
  await page.screenshot({ path: 'docs/screenshot-shortcuts.png' })
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()

  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await page.keyboard.type('go to starred')
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Starred' })).toBeVisible()
})
