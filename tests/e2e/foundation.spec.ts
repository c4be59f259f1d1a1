import { expect, rows, SAMPLE, test, viewCount, watchErrors } from './fixtures'

test('a digest imported from the CLI shows up, and triage in the UI survives a reload and reaches the CLI', async ({
  app,
  page
}) => {
  const imported = app.cli('import', SAMPLE, '--json')
  expect(imported.status, imported.stderr).toBe(0)
  expect(JSON.parse(imported.stdout)).toMatchObject({ found: 208, added: 208, duplicates: 0 })

  const errors = watchErrors(page)
  await page.goto(await app.start())
  await expect(viewCount(page, 'All')).toHaveText('208')
  await expect(viewCount(page, 'Unread')).toHaveText('208')

  await page.getByRole('button', { name: /^All\b/ }).click()
  const first = rows(page).first()
  await expect(first).toContainText('CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes')
  await first.click()
  const detail = page.getByRole('region', { name: 'Paper' })
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText(
    'CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes'
  )
  await expect(
    detail.getByRole('button', { name: /Code: https:\/\/github.com\/jsunn-y\/CARE$/ })
  ).toBeVisible()

  await detail.getByRole('button', { name: 'Star' }).click()
  await detail.getByRole('button', { name: 'Mark read' }).click()
  await expect(viewCount(page, 'Starred')).toHaveText('1')
  await expect(viewCount(page, 'Unread')).toHaveText('207')

  await page.reload()
  await expect(viewCount(page, 'Starred')).toHaveText('1')
  await expect(viewCount(page, 'Read')).toHaveText('1')
  await page.getByRole('button', { name: /^Starred\b/ }).click()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText('CARE: a Benchmark Suite')

  const starred = app.cli('list', '--view', 'starred', '--json')
  expect(starred.status, starred.stderr).toBe(0)
  const papers = JSON.parse(starred.stdout) as Array<{ title: string; read: boolean; starred: boolean }>
  expect(papers.map((p) => [p.title, p.read, p.starred])).toEqual([
    ['CARE: a Benchmark Suite for the Classification and Retrieval of Enzymes', true, true]
  ])
  expect(errors).toEqual([])
})

test('an empty library explains what to do', async ({ app, page }) => {
  await page.goto(await app.start())
  await expect(page.getByText('No digests yet')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Import one (Ctrl+O)' })).toBeVisible()
})

test('the page refuses to work without the token', async ({ app, page }) => {
  const url = await app.start()
  const res = await page.request.post(url.replace(/\/#.*$/, '/api/counts'), {
    headers: { 'Content-Type': 'application/json' },
    data: {}
  })
  expect(res.status()).toBe(403)
})
