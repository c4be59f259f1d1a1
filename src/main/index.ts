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
import { builtWorkerUrl, ImportJobs } from './import/jobs'
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
let db: Db | null = null
let jobs: ImportJobs | null = null

const launch = parseLaunch(process.argv, process.cwd(), app.isPackaged)

function send(event: AppEvent): void {
  mainWindow?.webContents.send('app:event', event)
}

/** Files opened with the app (command line, a second launch, macOS open-file): imported as jobs the UI follows. */
function importFiles(paths: string[]): void {
  for (const path of paths) {
    try {
      const job = jobs?.start(readDigestFile(path), { name: basename(path), source: path })
      if (job) send({ type: 'import-started', job })
    } catch (err) {
      dialog.showErrorBox('Papershelf could not import a file', toApiError(err).message)
    }
  }
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
        command('Import…', 'CmdOrCtrl+O', 'import'),
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
  if (scheme !== 'https:' && scheme !== 'http:' && scheme !== 'mailto:') return Promise.resolve()
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
      db = openDatabase(resolveDbPath(launch.db, process.env, app.getPath('userData')))
    } catch (err) {
      dialog.showErrorBox('Papershelf cannot open its library', toApiError(err).message)
      app.quit()
      return
    }
    harden()
    jobs = new ImportJobs(db, db.name, builtWorkerUrl(import.meta.url))
    registerIpc(ipcMain, createService(db, { openExternal: openExternally }, jobs), (event) => {
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
