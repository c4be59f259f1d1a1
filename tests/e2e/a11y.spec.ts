import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, rows, SAMPLE, test } from './fixtures'

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations on the main screens (${scheme})`, async ({
    app,
    page
  }) => {
    await page.emulateMedia({ colorScheme: scheme })
    expect(app.cli('import', SAMPLE).status).toBe(0)
    await page.goto(await app.start())
    await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
    // Some state, so read rows, stars, tags and notes are all on screen.
    await page.keyboard.press('s')
    await page.keyboard.press('j')
    await page.keyboard.press('x')
    await page.keyboard.press('t')
    await page.keyboard.type('ml/vision')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    await page.keyboard.press('g')
    await page.keyboard.press('a')
    await expect(rows(page).first()).toBeVisible()
    await page.screenshot({ path: `docs/screenshot-main-${scheme}.png` })
    expect(await seriousViolations(page)).toEqual([])

    await page.keyboard.press('/')
    await page.keyboard.type('enzyme')
    await expect(rows(page).first().locator('mark').first()).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')

    await page.keyboard.press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')

    await page.keyboard.press('Control+k')
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })
}

test('no serious accessibility violations on the empty library', async ({ app, page }) => {
  await page.goto(await app.start())
  await expect(page.getByText('No digests yet')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
