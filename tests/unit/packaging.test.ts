// The desktop package cannot be built here (no Electron runtime download), so what can run is checked:
// the electron-builder configuration against its schema, and the built code's shape.
import { beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import type { Configuration } from 'app-builder-lib'

const ROOT = resolve(import.meta.dirname, '../..')
const read = (p: string): string => readFileSync(resolve(ROOT, p), 'utf8')
const pkg = JSON.parse(read('package.json')) as { main: string; dependencies: Record<string, string> }
const config = JSON.parse(read('electron-builder.json')) as Configuration & Record<string, unknown>

beforeAll(() => {
  if (!existsSync(resolve(ROOT, 'out/main/index.js'))) {
    execFileSync(resolve(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' })
  }
}, 120_000)

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema', async () => {
    const { $schema: _schema, ...rest } = config
    const logger = { isEnabled: false, add: () => {} } as unknown as Parameters<
      typeof validateConfiguration
    >[1]
    await expect(validateConfiguration(rest as Configuration, logger)).resolves.toBeUndefined()
  })

  it('rejects a broken configuration (the check can fail)', async () => {
    const logger = { isEnabled: false, add: () => {} } as unknown as Parameters<
      typeof validateConfiguration
    >[1]
    await expect(
      validateConfiguration({ notAnOption: true, asar: 'yes' } as unknown as Configuration, logger)
    ).rejects.toThrow()
  })

  it('builds Linux AppImage and deb, macOS dmg and Windows nsis, with native modules outside the asar', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.asarUnpack).toContain('**/*.node')
    // better-sqlite3 13 ships Node-API prebuilds that Electron loads as they are.
    expect(config.npmRebuild).toBe(false)
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3'])
    expect(existsSync(resolve(ROOT, 'resources/icon.png'))).toBe(true)
  })

  it('flips the release fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true
    })
  })
})

describe('built code', () => {
  it('has the Electron entry package.json names, a sandbox-compatible preload, and the renderer', () => {
    expect(existsSync(resolve(ROOT, pkg.main))).toBe(true)
    const preload = read('out/preload/index.cjs')
    // A sandboxed preload may require only electron (and a few Node built-ins Electron polyfills).
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect([...new Set(requires)]).toEqual(['electron'])
    expect(read('out/renderer/index.html')).toContain('Content-Security-Policy')
    expect(existsSync(resolve(ROOT, 'out/main/web.js'))).toBe(true)
    expect(existsSync(resolve(ROOT, 'out/main/import-worker.js'))).toBe(true)
  })
})
