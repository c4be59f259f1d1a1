import { readFileSync } from 'node:fs'
import { expect, rows, SAMPLE, test, viewCount, watchErrors } from './fixtures'

test('dropping the sample digest on the window imports it and shows the summary and the digest', async ({
  app,
  page
}) => {
  const errors = watchErrors(page)
  await page.goto(await app.start())
  await expect(page.getByText('No digests yet')).toBeVisible()

  const bytes = readFileSync(SAMPLE).toString('base64')
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bin = atob(b64)
    const buf = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i)
    const dt = new DataTransfer()
    dt.items.add(new File([buf], 'hf-daily-papers-sample.txt', { type: 'text/plain' }))
    return dt
  }, bytes)
  await page.dispatchEvent('.app', 'dragover', { dataTransfer })
  await expect(page.getByText('Drop a digest to import it')).toBeVisible()
  await page.dispatchEvent('.app', 'drop', { dataTransfer })

  await expect(
    page.getByRole('status').getByText('208 papers · 208 new · 0 already in your library')
  ).toBeVisible()
  await expect(viewCount(page, 'All')).toHaveText('208')
  const digest = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /hf-daily-papers-sample\.txt/ })
  await expect(digest).toContainText('0 of 208 read')
  await expect(page.getByRole('heading', { level: 1, name: 'hf-daily-papers-sample.txt' })).toBeVisible()
  await expect(rows(page).first()).toContainText('CARE: a Benchmark Suite')

  await page.keyboard.press('m')
  await expect(digest).toContainText('1 of 208 read')
  await expect(page.getByLabel('Triage progress: 1 of 208 read')).toBeVisible()

  // The same file again adds nothing: every paper is already in the library.
  await page.dispatchEvent('.app', 'drop', { dataTransfer })
  await expect(
    page.getByRole('status').getByText('208 papers · 0 new · 208 already in your library')
  ).toBeVisible()
  await expect(viewCount(page, 'All')).toHaveText('208')
  expect(errors).toEqual([])
})

test('a file that is not a digest is refused with one clear sentence, and nothing changes', async ({
  app,
  page
}) => {
  await page.goto(await app.start())
  await page.getByRole('button', { name: 'Import digest…' }).click()
  await page.locator('input[type=file]').setInputFiles({
    name: 'paper.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1')
  })
  await expect(page.getByRole('status').getByText(/^paper\.pdf: .*PDF/)).toBeVisible()
  await expect(page.getByText('No digests yet')).toBeVisible()
})

test('export the starred papers as BibTeX and the library as JSON', async ({ app, page }) => {
  expect(app.cli('import', SAMPLE).status).toBe(0)
  await page.goto(await app.start())
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('s')
  await page.keyboard.press('j')
  await page.keyboard.press('s')
  await page.keyboard.press('g')
  await page.keyboard.press('s')
  await expect(rows(page)).toHaveCount(2)

  await page.keyboard.press('Control+e')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await expect(dialog).toBeVisible()
  const [bib] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click()
  ])
  expect(bib.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d\d-\d\d\.bib$/)
  const text = readFileSync(await bib.path(), 'utf8')
  expect(text.match(/^@misc\{/gm)).toHaveLength(2)
  expect(text).toContain('Classification and Retrieval of Enzymes')

  await page.keyboard.press('Control+e')
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('json')
  await dialog.getByRole('radio', { name: 'The whole library' }).check()
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click()
  ])
  const data = JSON.parse(readFileSync(await json.path(), 'utf8')) as { papers: Array<{ starred: boolean }> }
  expect(data.papers).toHaveLength(208)
  expect(data.papers.filter((p) => p.starred)).toHaveLength(2)
})
