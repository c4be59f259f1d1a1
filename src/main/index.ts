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
  session,
  shell,
  type MenuItemConstructorOptions
} from 'electron'
import { basename, join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openDatabase, type Db } from './db/connection'
import { resolveDbPath } from './paths'
import { createService } from './service'
import { registerIpc } from './ipc'
import { importDigest } from './import/importer'
import { readDigestFile } from './import/file'
import { toApiError } from './errors'
import type { AppEvent } from '../shared/api'
import type { ImportSummary } from '../shared/types'

const APP_ORIGIN = 'app://papershelf'
const rendererDir = join(import.meta.dirname, '../renderer')
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
])

let mainWindow: BrowserWindow | null = null
let db: Db | null = null

function dbFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--db')
  return i >= 0 ? argv[i + 1] : undefined
}

/** Digest files named on a command line (ours or a second launch's), skipping flags and their values. */
function fileArgs(argv: string[]): string[] {
  const files: string[] = []
  for (let i = app.isPackaged ? 1 : 2; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--db') i++
    else if (!a.startsWith('-')) files.push(a)
  }
  return files
}

function send(event: AppEvent): void {
  mainWindow?.webContents.send('app:event', event)
}

function importFiles(paths: string[]): void {
  if (!db || !paths.length) return
  const summaries: ImportSummary[] = []
  const errors: string[] = []
  for (const path of paths) {
    try {
      summaries.push(importDigest(db, readDigestFile(path), { name: basename(path), source: path }))
    } catch (err) {
      errors.push(`${basename(path)}: ${toApiError(err).message}`)
    }
  }
  send({ type: 'imported', summaries, errors })
}

async function chooseAndImport(): Promise<void> {
  if (!mainWindow) return
  const result = await dialog.showOpenDialog(mainWindow, {
    title: 'Import digests',
    properties: ['openFile', 'multiSelections'],
    filters: [
      {
        name: 'Digests',
        extensions: ['txt', 'html', 'htm', 'eml', 'xml', 'rss', 'atom', 'bib', 'ris', 'csv', 'json']
      },
      { name: 'All files', extensions: ['*'] }
    ]
  })
  if (!result.canceled) importFiles(result.filePaths)
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin'
  const command = (label: string, accelerator: string, name: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    // The renderer owns these shortcuts; the menu only makes them discoverable.
    registerAccelerator: false,
    click: () => send({ type: 'command', command: name })
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => void chooseAndImport() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        command('Search', '/', 'search'),
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
        command('Unread', 'G U', 'view:unread'),
        command('Starred', 'G S', 'view:starred'),
        command('Read', 'G R', 'view:read'),
        command('All', 'G A', 'view:all'),
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
        command('Open Link in Browser', 'V', 'open-link')
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
              message: `Papershelf ${app.getVersion()}`,
              detail: 'A fast, private, offline reading list for research papers.'
            })
        }
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function isOwnPage(url: string): boolean {
  try {
    const origin = new URL(url).origin
    return origin === APP_ORIGIN || (devUrl !== undefined && origin === new URL(devUrl).origin)
  } catch {
    return false
  }
}

function openExternally(url: string): Promise<void> {
  const { protocol: scheme } = new URL(url)
  if (scheme !== 'https:' && scheme !== 'http:') return Promise.resolve()
  return shell.openExternal(url)
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1320,
    height: 860,
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
  mainWindow.once('ready-to-show', () => mainWindow?.show())
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
  app.on('second-instance', (_event, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
    importFiles(fileArgs(argv))
  })

  // macOS hands files opened with the app to this event, possibly before the window exists.
  const pendingFiles: string[] = fileArgs(process.argv)
  app.on('open-file', (event, path) => {
    event.preventDefault()
    if (mainWindow) importFiles([path])
    else pendingFiles.push(path)
  })

  void app.whenReady().then(() => {
    try {
      db = openDatabase(resolveDbPath(dbFlag(process.argv), process.env, app.getPath('userData')))
    } catch (err) {
      dialog.showErrorBox('Papershelf cannot open its library', toApiError(err).message)
      app.quit()
      return
    }
    harden()
    registerIpc(ipcMain, createService(db, { openExternal: openExternally }), (event) => {
      return event.sender === mainWindow?.webContents && isOwnPage(event.senderFrame?.url ?? '')
    })
    buildMenu()
    createWindow()
    mainWindow?.webContents.once('did-finish-load', () => importFiles(pendingFiles.splice(0)))
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  app.on('will-quit', () => db?.close())
}
