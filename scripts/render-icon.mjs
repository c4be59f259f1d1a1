// Renders resources/icon.svg to the PNG electron-builder needs (run after editing the SVG).
import { chromium } from '@playwright/test'
import { readFileSync } from 'node:fs'

const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8')
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu']
})
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
await page.setContent(
  `<style>html,body{margin:0;background:transparent}svg{width:1024px;height:1024px;display:block}</style>${svg}`
)
await page.screenshot({
  path: new URL('../resources/icon.png', import.meta.url).pathname,
  omitBackground: true
})
await browser.close()
