// Browser mode: `npm run web -- [--db <path>] [--port <n>] [--no-open]`. Plain Node, no Electron.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { Library } from './library'
import { VERSION } from './version'
import { resolveDbPath } from './paths'
import { createService } from './service'
import { serve } from './server'
import { readArgs } from './args'
import { builtWorkerUrl } from './import/jobs'

function rendererRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  // Built: out/main/web.js → out/renderer. From source (tsx): src/main/web.ts → out/renderer.
  for (const candidate of [join(here, '../renderer'), join(here, '../../out/renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate
  }
  throw new Error('The renderer is not built; run `npm run build` first.')
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]]
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true })
  child.on('error', () => console.log('Open the address above in your browser.'))
  child.unref()
}

async function main(): Promise<void> {
  const { values } = readArgs(process.argv.slice(2), {
    db: { type: 'string' },
    port: { type: 'string' },
    'no-open': { type: 'boolean' }
  })
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new Error(`--port must be a port number, not "${values.port}".`)
  }
  const dbPath = resolveDbPath(values.db)
  const library = new Library(dbPath, builtWorkerUrl(import.meta.url), { interactive: true })
  if (library.notice) console.log(library.notice)
  const web = await serve({
    handlers: createService(library, { version: VERSION }),
    root: rendererRoot(),
    ...(port === undefined ? {} : { port })
  })
  console.log(`Papershelf is ready at ${web.url}`)
  console.log(`Library: ${dbPath}`)
  library.startDailyBackups()
  if (!values['no-open']) openBrowser(web.url)

  const stop = (): void => {
    void web.close().finally(() => {
      library.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
