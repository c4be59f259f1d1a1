// The Electron shell only: lifecycle, window, menu, dialogs and security settings. Everything it calls
// runs under plain Node too (CLI, browser mode, tests).
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions
} from 'electron'
import { basename, join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Library } from './library'
import { VERSION } from './version'
import { getSetting, setSetting } from './db/settings'
import { resolveDbPath } from './paths'
import { createService } from './service'
import { registerIpc } from './ipc'
import { builtWorkerUrl } from './import/jobs'
import { readDigestFile } from './import/file'
import { toApiError } from './errors'
import { onSecondLaunch, parseLaunch } from './launch'
import type { AppEvent } from '../shared/api'

const APP_ORIGIN = 'app://papershelf'
const rendererDir = join(import.meta.dirname, '../renderer')
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
])

let mainWindow: BrowserWindow | null = null
let library: Library | null = null

const launch = parseLaunch(process.argv, process.cwd(), app.isPackaged)

function send(event: AppEvent): void {
  mainWindow?.webContents.send('app:event', event)
}

/** Files opened with the app (command line, a second launch, macOS open-file): imported as jobs the UI follows. */
function importFiles(paths: string[]): void {
  for (const path of paths) {
    try {
      const job = library?.jobs.start(readDigestFile(path), { name: basename(path), source: path })
      if (job) send({ type: 'import-started', job })
    } catch (err) {
      dialog.showErrorBox('Papershelf could not import a file', toApiError(err).message)
    }
  }
}

async function backupNow(): Promise<void> {
  if (!library) return
  try {
    const info = await library.backupNow()
    void dialog.showMessageBox({ type: 'info', message: 'Backup made', detail: info.path })
  } catch (err) {
    dialog.showErrorBox('Papershelf could not make a backup', toApiError(err).message)
  }
}

async function restoreFromBackup(): Promise<void> {
  if (!library || !mainWindow) return
  const pick = await dialog.showOpenDialog(mainWindow, {
    title: 'Restore from backup',
    defaultPath: library.backupDir,
    properties: ['openFile'],
    filters: [{ name: 'Papershelf backups', extensions: ['db'] }]
  })
  const path = pick.filePaths[0]
  if (pick.canceled || !path) return
  const answer = await dialog.showMessageBox(mainWindow, {
    type: 'warning',
    buttons: ['Restore', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Replace the library with this backup?',
    detail:
      'Changes made since the backup will no longer show. The current library file is kept beside it, not deleted.'
  })
  if (answer.response !== 0) return
  try {
    const { replacedPath } = await library.restore(path)
    mainWindow.reload()
    void dialog.showMessageBox({
      type: 'info',
      message: 'Backup restored',
      detail: `The previous library was kept as ${replacedPath ?? '(none)'}.`
    })
  } catch (err) {
    dialog.showErrorBox('Papershelf could not restore the backup', toApiError(err).message)
  }
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin'
  const command = (
    label: string,
    accelerator: string | undefined,
    name: string
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    // The renderer owns these shortcuts; the menu only makes them discoverable.
    registerAccelerator: false,
    click: () => send({ type: 'command', command: name })
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('Import…', 'CmdOrCtrl+O', 'import'),
        command('Export…', 'CmdOrCtrl+E', 'export'),
        { type: 'separator' },
        { label: 'Back Up Now', click: () => void backupNow() },
        { label: 'Restore from Backup…', click: () => void restoreFromBackup() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        command('Search', '/', 'search'),
        command('Command Palette…', 'CmdOrCtrl+K', 'palette'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }])
      ]
    },
    {
      label: 'Go',
      submenu: [
        // Two-key sequences cannot be menu accelerators, so the label names them.
        command('Unread    g u', undefined, 'view:unread'),
        command('Starred    g s', undefined, 'view:starred'),
        command('Read    g r', undefined, 'view:read'),
        command('All    g a', undefined, 'view:all'),
        command('Notes    g n', undefined, 'view:notes'),
        { type: 'separator' },
        command('Next Paper', 'J', 'next'),
        command('Previous Paper', 'K', 'previous')
      ]
    },
    {
      label: 'Paper',
      submenu: [
        command('Toggle Read', 'M', 'toggle-read'),
        command('Toggle Star', 'S', 'toggle-star'),
        command('Select', 'X', 'check'),
        command('Tag…', 'T', 'tag'),
        command('Open Link in Browser', 'V', 'open-link'),
        { type: 'separator' },
        command('Mark All in View Read', 'Shift+A', 'mark-all-read'),
        command('Mark All Read Except Starred', undefined, 'mark-all-read-except-starred'),
        { type: 'separator' },
        command('Undo', 'Z', 'undo')
      ]
    },
    {
      role: 'help',
      submenu: [
        command('Keyboard Shortcuts', '?', 'shortcuts'),
        {
          label: 'About Papershelf',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Papershelf',
              message: `Papershelf ${VERSION}`,
              detail: `A fast, private, offline reading list for research papers.\n\nLibrary: ${library?.path ?? ''}`
            })
        }
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function isOwnPage(url: string): boolean {
  try {
    const u = new URL(url)
    // Node's URL gives custom schemes an opaque origin ("null"), so scheme and host are compared instead.
    if (u.protocol === 'app:' && u.host === 'papershelf') return true
    return devUrl !== undefined && u.origin === new URL(devUrl).origin
  } catch {
    return false
  }
}

function openExternally(url: string): Promise<void> {
  const { protocol: scheme } = new URL(url)
  if (scheme !== 'https:' && scheme !== 'http:' && scheme !== 'mailto:') return Promise.resolve()
  return shell.openExternal(url)
}

interface Bounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

function savedBounds(): Bounds {
  const b = library ? (getSetting(library.db, 'window') as Partial<Bounds> | undefined) : undefined
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
  if (!b || !ok(b.width) || !ok(b.height)) return { width: 1320, height: 860 }
  const size = { width: b.width, height: b.height, maximized: b.maximized === true }
  const { x, y } = b
  if (!ok(x) || !ok(y)) return size
  // A window saved on a monitor that is gone reopens at the default place.
  const visible = screen
    .getAllDisplays()
    .some(
      ({ workArea: a }) =>
        x >= a.x - 50 && y >= a.y - 50 && x < a.x + a.width - 100 && y < a.y + a.height - 100
    )
  return visible ? { ...size, x, y } : size
}

function rememberBounds(win: BrowserWindow): void {
  if (!library?.db.open) return
  setSetting(library.db, 'window', { ...win.getNormalBounds(), maximized: win.isMaximized() })
}

function createWindow(): void {
  const bounds = savedBounds()
  mainWindow = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    title: 'Papershelf',
    show: false,
    backgroundColor: '#1b1b1f',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true
    }
  })
  mainWindow.once('ready-to-show', () => {
    if (bounds.maximized) mainWindow?.maximize()
    mainWindow?.show()
  })
  mainWindow.on('close', () => mainWindow && rememberBounds(mainWindow))
  mainWindow.on('closed', () => (mainWindow = null))
  void mainWindow.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      void openExternally(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isOwnPage(url)) {
        event.preventDefault()
        void openExternally(url)
      }
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  // The renderer is served from app://papershelf/, never file://, so it has no reach into the disk.
  protocol.handle('app', (request) => {
    const { pathname } = new URL(request.url)
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)))
    if (!file.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 })
    return net.fetch(pathToFileURL(file).toString())
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    onSecondLaunch(argv, workingDirectory, app.isPackaged, {
      focus: () => {
        if (mainWindow?.isMinimized()) mainWindow.restore()
        mainWindow?.focus()
      },
      importFiles
    })
  })

  // macOS hands files opened with the app to this event, possibly before the window exists.
  const pendingFiles: string[] = [...launch.files]
  app.on('open-file', (event, path) => {
    event.preventDefault()
    if (mainWindow) importFiles([path])
    else pendingFiles.push(path)
  })

  void app.whenReady().then(() => {
    try {
      library = new Library(
        resolveDbPath(launch.db, process.env, app.getPath('userData')),
        builtWorkerUrl(import.meta.url),
        { interactive: true }
      )
    } catch (err) {
      dialog.showErrorBox('Papershelf cannot open its library', toApiError(err).message)
      app.quit()
      return
    }
    const lib = library
    harden()
    registerIpc(
      ipcMain,
      createService(lib, { openExternal: openExternally, version: VERSION, desktop: true }),
      (event) => event.sender === mainWindow?.webContents && isOwnPage(event.senderFrame?.url ?? '')
    )
    buildMenu()
    createWindow()
    lib.startDailyBackups()
    mainWindow?.webContents.once('did-finish-load', () => importFiles(pendingFiles.splice(0)))
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  // A clean close lets the next start skip the full integrity check.
  app.on('will-quit', () => library?.close())
}
