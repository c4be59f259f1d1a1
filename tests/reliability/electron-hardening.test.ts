// Issue 8, part 6: Electron's security checklist, checked on the BUILT app (out/), which is what ships.
// Three ways in: the built main code read as a syntax tree (every BrowserWindow anywhere), the built
// main code run against a fake `electron` module (what it really passes and registers at start-up), and
// the built preload run in a fake renderer (what it really exposes). The Content-Security-Policy comes
// from the built index.html. The build is made first when missing or stale, never skipped.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { methodNames } from '../../src/shared/api'
import { ensureBuilt } from './support/build'
import { ROOT } from './support/env'

const OUT = join(ROOT, 'out')

// ---- the fake `electron` module the built main code runs against -------------------------------------

type Listener = (...args: unknown[]) => unknown
const fake = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{ options: Record<string, unknown>; url: string | null; webContents: object }>,
    ipc: new Map<string, Listener>(),
    app: new Map<string, Listener[]>(),
    protocols: new Map<string, Listener>(),
    privileged: [] as Array<{ scheme: string; privileges: Record<string, unknown> }>,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    openedExternally: [] as string[],
    fetched: [] as string[],
    userData: ''
  }
  /** Anything the shell calls that this fake does not model: callable, chainable, harmless. */
  const inert: object = new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : inert),
    apply: () => inert,
    construct: () => inert as object
  })
  const withFallback = <T extends object>(target: T): T =>
    new Proxy(target, { get: (t, key) => (key in t ? t[key as keyof T] : inert) })
  class WebContents {
    listeners = new Map<string, Listener[]>()
    windowOpen: Listener | null = null
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
      return this
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn)
    }
    setWindowOpenHandler(fn: Listener) {
      this.windowOpen = fn
    }
    send() {}
  }
  class BrowserWindow {
    static getAllWindows = () => state.windows
    webContents = withFallback(new WebContents())
    url: string | null = null
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this)
      return withFallback(this)
    }
    loadURL(url: string) {
      this.url = url
      return Promise.resolve()
    }
    once() {}
    on() {}
  }
  const electron = {
    app: withFallback({
      isPackaged: true,
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      getPath: () => state.userData,
      getVersion: () => '0.0.0-test',
      on: (event: string, fn: Listener) => void state.app.set(event, [...(state.app.get(event) ?? []), fn]),
      quit: () => undefined
    }),
    BrowserWindow,
    ipcMain: withFallback({
      handle: (channel: string, fn: Listener) => void state.ipc.set(channel, fn),
      removeHandler: (channel: string) => void state.ipc.delete(channel)
    }),
    protocol: withFallback({
      registerSchemesAsPrivileged: (list: typeof state.privileged) => void state.privileged.push(...list),
      handle: (scheme: string, fn: Listener) => void state.protocols.set(scheme, fn)
    }),
    session: {
      defaultSession: withFallback({
        setPermissionRequestHandler: (fn: Listener) => void (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => void (state.permissionCheck = fn)
      })
    },
    shell: withFallback({
      openExternal: (url: string) => {
        state.openedExternally.push(url)
        return Promise.resolve()
      }
    }),
    net: withFallback({
      // Like net.fetch of a file:// URL: the file, or a failed response when there is none.
      fetch: async (url: string) => {
        state.fetched.push(url)
        const { existsSync } = await import('node:fs')
        const { fileURLToPath } = await import('node:url')
        return new Response('file', { status: existsSync(fileURLToPath(url)) ? 200 : 404 })
      }
    }),
    screen: withFallback({ getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] }),
    dialog: inert,
    Menu: inert
  }
  return { state, electron, inert }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

// ---- reading the built code ----------------------------------------------------------------------------

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? builtFiles(join(dir, e.name)) : /\.(c|m)?js$/.test(e.name) ? [join(dir, e.name)] : []
  )
}

interface Found {
  file: string
  what: string
  props: Map<string, ts.Expression>
}

/** Every `new BrowserWindow/BrowserView/WebContentsView(…)` and every `webPreferences: {…}` in a file. */
function windowOptions(file: string): Found[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Found[] = []
  const propsOf = (obj: ts.ObjectLiteralExpression): Map<string, ts.Expression> => {
    const props = new Map<string, ts.Expression>()
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
        props.set(p.name.text, p.initializer)
      }
    }
    return props
  }
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const callee = node.expression.getText(source)
      if (/(^|\.)(BrowserWindow|BrowserView|WebContentsView)$/.test(callee)) {
        const arg = node.arguments?.[0]
        found.push({
          file,
          what: `new ${callee}`,
          props: arg && ts.isObjectLiteralExpression(arg) ? propsOf(arg) : new Map()
        })
      }
    }
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(source).replace(/["']/g, '') === 'webPreferences' &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      found.push({ file, what: 'webPreferences', props: propsOf(node.initializer) })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const literal = (e: ts.Expression | undefined): unknown =>
  e === undefined
    ? undefined
    : e.kind === ts.SyntaxKind.TrueKeyword
      ? true
      : e.kind === ts.SyntaxKind.FalseKeyword
        ? false
        : ts.isStringLiteral(e)
          ? e.text
          : `<${ts.SyntaxKind[e.kind]}>`

function csp(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(?:"([^"]+)"|'([^']+)')/i.exec(
    html
  )
  const content = meta?.[1] ?? meta?.[2]
  if (!content) throw new Error('out/renderer/index.html has no Content-Security-Policy')
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values])
  )
}

beforeAll(() => ensureBuilt(), 120_000)

describe('the built main code, read', () => {
  it('creates every window with the hardened webPreferences', () => {
    const all = builtFiles(join(OUT, 'main')).flatMap(windowOptions)
    const windows = all.filter((f) => f.what.startsWith('new '))
    expect(windows.length).toBeGreaterThan(0)
    for (const w of windows) {
      const prefsExpr = w.props.get('webPreferences')
      expect(
        prefsExpr && ts.isObjectLiteralExpression(prefsExpr),
        `${w.what} in ${w.file} sets webPreferences`
      ).toBe(true)
    }
    const prefs = all.filter((f) => f.what === 'webPreferences')
    expect(prefs.length).toBeGreaterThanOrEqual(windows.length)
    for (const p of prefs) {
      const v = (k: string) => literal(p.props.get(k))
      expect({
        contextIsolation: v('contextIsolation'),
        sandbox: v('sandbox'),
        nodeIntegration: v('nodeIntegration'),
        webSecurity: v('webSecurity')
      }).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
      // Switches that must stay off: absent (off by default) or false.
      for (const k of [
        'webviewTag',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'allowRunningInsecureContent',
        'experimentalFeatures',
        'enableRemoteModule'
      ]) {
        expect([undefined, false], `${k} in ${p.file}`).toContain(v(k))
      }
      expect(v('enableBlinkFeatures'), 'enableBlinkFeatures').toBeUndefined()
    }
  })

  it('never turns a security switch the wrong way anywhere in the built main or preload code', () => {
    const danger =
      /\b(nodeIntegration|nodeIntegrationInSubFrames|nodeIntegrationInWorker|webviewTag|allowRunningInsecureContent|experimentalFeatures|enableRemoteModule)\s*:\s*(true|!0)\b|\b(contextIsolation|sandbox|webSecurity)\s*:\s*(false|!1)\b/
    for (const file of [...builtFiles(join(OUT, 'main')), ...builtFiles(join(OUT, 'preload'))]) {
      expect(readFileSync(file, 'utf8').match(danger)?.[0], file).toBeUndefined()
    }
  })
})

describe('the built renderer page', () => {
  const html = (): string => readFileSync(join(OUT, 'renderer/index.html'), 'utf8')

  it('carries a strict Content-Security-Policy', () => {
    const policy = csp(html())
    expect(['none', 'self'].map((s) => `'${s}'`)).toContain(policy.get('default-src')?.join(' '))
    const script = policy.get('script-src') ?? policy.get('default-src') ?? []
    for (const unsafe of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'unsafe-hashes'",
      "'strict-dynamic'",
      '*',
      'data:',
      'blob:',
      'http:',
      'https:'
    ]) {
      expect(script, `script-src allows ${unsafe}`).not.toContain(unsafe)
    }
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(["'none'", "'self'"]).toContain(policy.get('base-uri')?.join(' '))
    // Frames fall back to default-src; nothing may widen them.
    for (const d of ['frame-src', 'child-src']) expect(policy.get(d) ?? ["'none'"]).not.toContain('*')
    expect(policy.get('form-action')).toEqual(["'none'"])
  })

  it('loads only its own scripts, and no inline ones', () => {
    const scripts = [...html().matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      const src = /\bsrc=["']([^"']+)["']/.exec(attrs ?? '')?.[1]
      expect(src, 'an inline script').toBeDefined()
      expect(src).toMatch(/^\.?\/assets\/[\w.-]+\.js$/)
      expect(body?.trim()).toBe('')
      expect(existsSync(join(OUT, 'renderer', src as string))).toBe(true)
    }
  })
})

describe('the built main code, run against a fake Electron', () => {
  const userData = mkdtempSync(join(tmpdir(), 'papershelf-electron-'))
  const ownUrl = 'app://papershelf/index.html'
  let main: (typeof fake.state.windows)[number]
  const argv = process.argv

  beforeAll(async () => {
    fake.state.userData = userData
    process.env.PAPERSHELF_DB = join(userData, 'library.db')
    // A packaged app's argv: no files to import at start-up.
    process.argv = [process.execPath]
    try {
      await import(pathToFileURL(join(OUT, 'main/index.js')).href)
      // Start-up continues in app.whenReady().then(…).
      for (let i = 0; i < 50 && fake.state.windows.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20))
    } finally {
      process.argv = argv
    }
    main = fake.state.windows[0] as typeof main
    expect(main, 'the app created its window').toBeDefined()
  }, 60_000)

  afterAll(async () => {
    // The start-up backup runs in the background; quitting under it would only log a closed connection.
    const backups = join(userData, 'backups')
    for (
      let i = 0;
      i < 100 && !(existsSync(backups) && readdirSync(backups).some((f) => f.endsWith('.db')));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50))
    }
    for (const quit of fake.state.app.get('will-quit') ?? []) quit({})
    delete process.env.PAPERSHELF_DB
    rmSync(userData, { recursive: true, force: true })
  })

  it('opens one window with the hardened options, showing the app:// page and a preload that exists', () => {
    expect(fake.state.windows).toHaveLength(1)
    const prefs = main.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    })
    expect(prefs.webviewTag ?? false).toBe(false)
    expect(existsSync(prefs.preload as string)).toBe(true)
    expect(resolve(prefs.preload as string)).toBe(join(OUT, 'preload/index.cjs'))
    expect(main.url).toBe(ownUrl)
  })

  it('registers exactly one IPC handler per contract method', () => {
    expect([...fake.state.ipc.keys()].sort()).toEqual(methodNames.map((m) => `api:${m}`).sort())
  })

  const call = (channel: string, event: object) => (fake.state.ipc.get(channel) as Listener)(event, {})
  const trusted = () => ({ sender: main.webContents, senderFrame: { url: ownUrl } })

  it('refuses every IPC call that does not come from its own window showing its own page', async () => {
    const own = main.webContents
    const strangers = {
      'another window': { sender: { id: 99 }, senderFrame: { url: ownUrl } },
      'a page from the web in our window': { sender: own, senderFrame: { url: 'https://evil.example/' } },
      'a file:// page in our window': { sender: own, senderFrame: { url: 'file:///etc/passwd' } },
      'a look-alike origin': { sender: own, senderFrame: { url: 'app://papershelf.evil/index.html' } },
      'a frame without a URL': { sender: own, senderFrame: null }
    }
    // counts takes no input and would answer anyone: a refusal here is the sender check at work.
    const refusal = await call('api:counts', strangers['another window'])
    expect(refusal).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Papershelf/) } })
    for (const [who, event] of Object.entries(strangers)) {
      for (const method of methodNames) {
        expect(await call(`api:${method}`, event), `${method} from ${who}`).toEqual(refusal)
      }
    }
  })

  // Regression: Node's URL gives a custom scheme the opaque origin "null", so comparing origins once
  // refused every IPC call from the app's own page and cancelled its navigations.
  it('the app’s own page (app://papershelf) is answered and may navigate within itself', async () => {
    expect(await call('api:counts', trusted())).toMatchObject({ ok: true })
    const contents = new (main.webContents.constructor as new () => { listeners: Map<string, Listener[]> })()
    for (const listener of fake.state.app.get('web-contents-created') ?? []) listener({}, contents)
    let stopped = false
    for (const listener of contents.listeners.get('will-navigate') ?? []) {
      listener({ preventDefault: () => (stopped = true) }, 'app://papershelf/index.html#/read')
    }
    expect(stopped).toBe(false)
  })

  it('denies every new window and navigation away, and opens only http(s) and mailto outside', () => {
    const created = fake.state.app.get('web-contents-created') ?? []
    expect(created.length).toBeGreaterThan(0)
    const contents = new (
      main.webContents.constructor as new () => {
        listeners: Map<string, Listener[]>
        windowOpen: Listener | null
      }
    )()
    for (const listener of created) listener({}, contents)

    const opened = fake.state.openedExternally
    opened.length = 0
    const hostile = [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://evil.example/share',
      'app://papershelf/index.html'
    ]
    for (const url of [...hostile, 'https://example.org/paper', 'mailto:someone@example.org']) {
      expect(contents.windowOpen?.({ url }), url).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.org/paper', 'mailto:someone@example.org'])

    const navigate = contents.listeners.get('will-navigate') ?? []
    expect(navigate.length).toBeGreaterThan(0)
    const prevented = (url: string): boolean => {
      let stop = false
      for (const listener of navigate) listener({ preventDefault: () => (stop = true) }, url)
      return stop
    }
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://papershelf.evil/'
    ]) {
      expect(prevented(url), url).toBe(true)
    }

    const attach = contents.listeners.get('will-attach-webview') ?? []
    let stopped = false
    for (const listener of attach) listener({ preventDefault: () => (stopped = true) }, {}, {})
    expect(stopped, 'webviews are refused').toBe(true)
  })

  it('denies every permission request and check', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid'
    ]) {
      let granted: unknown = 'no answer'
      fake.state.permissionRequest?.({}, permission, (ok: boolean) => (granted = ok), {})
      expect(granted, permission).toBe(false)
      expect(fake.state.permissionCheck?.({}, permission, ownUrl, {}), permission).toBe(false)
    }
  })

  it('serves app:// from the built renderer only, never from outside it', async () => {
    const serve = fake.state.protocols.get('app') as Listener
    expect(serve).toBeDefined()
    const renderer = join(OUT, 'renderer')
    fake.state.fetched.length = 0
    const ok = (await serve(new Request('app://papershelf/index.html'))) as Response
    expect(ok.status).toBe(200)
    expect(fake.state.fetched).toEqual([pathToFileURL(join(renderer, 'index.html')).href])
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%5c..%5cpackage.json',
      '/%2fetc%2fpasswd'
    ]) {
      fake.state.fetched.length = 0
      let status: number
      try {
        status = ((await serve(new Request(`app://papershelf${path}`))) as Response).status
      } catch {
        status = -1 // a thrown error is a failed request in Electron: nothing is served either
      }
      const outside = fake.state.fetched.filter((u) => !u.startsWith(pathToFileURL(renderer).href + '/'))
      expect(outside, path).toEqual([])
      expect(status, path).not.toBe(200)
    }
    const privileges = fake.state.privileged.find((p) => p.scheme === 'app')?.privileges ?? {}
    expect(privileges.bypassCSP ?? false).toBe(false)
  })
})

describe('the built preload, run in a fake renderer', () => {
  it('exposes only functions: one per contract method and an event subscription, never ipcRenderer', async () => {
    const exposed: Record<string, unknown> = {}
    const invoked: Array<[string, unknown]> = []
    const listeners = new Map<string, Listener>()
    const ipcRenderer = {
      invoke: (channel: string, input: unknown) => {
        invoked.push([channel, input])
        return Promise.resolve({ ok: true, value: 'answer' })
      },
      on: (channel: string, fn: Listener) => void listeners.set(channel, fn),
      removeListener: (channel: string) => void listeners.delete(channel),
      send: () => {
        throw new Error('the preload must not send')
      }
    }
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, value: unknown) => void (exposed[name] = value) },
      ipcRenderer
    }
    const realRequire = createRequire(join(OUT, 'preload/index.cjs'))
    const code = readFileSync(join(OUT, 'preload/index.cjs'), 'utf8')
    const module = { exports: {} }
    new Function('require', 'module', 'exports', code)(
      (id: string) => (id === 'electron' ? electron : realRequire(id)),
      module,
      module.exports
    )

    expect(Object.keys(exposed).sort()).toEqual(['papershelf', 'papershelfEvents'])
    // Walk everything exposed: functions and plain objects of functions only.
    const walk = (value: unknown, path: string): void => {
      expect(value === ipcRenderer || Object.values(ipcRenderer).includes(value as never), path).toBe(false)
      if (typeof value === 'function') return
      expect(value !== null && typeof value === 'object', `${path} is a function or an object`).toBe(true)
      for (const [k, v] of Object.entries(value as object)) walk(v, `${path}.${k}`)
    }
    walk(exposed, 'window')

    const api = exposed.papershelf as Record<string, (input: unknown) => Promise<unknown>>
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort())
    expect(await api.counts?.({})).toBe('answer')
    expect(invoked).toEqual([['api:counts', {}]])

    const events = exposed.papershelfEvents as { subscribe: (fn: Listener) => () => void }
    const received: unknown[][] = []
    const unsubscribe = events.subscribe((...args) => received.push(args))
    const relay = listeners.get('app:event') as Listener
    relay({ sender: 'an Electron event object' }, { type: 'command', command: 'search' })
    // The page gets the data alone, never Electron's event (which would reach ipcRenderer).
    expect(received).toEqual([[{ type: 'command', command: 'search' }]])
    unsubscribe()
    expect(listeners.has('app:event')).toBe(false)
  })
})
