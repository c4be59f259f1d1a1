// What a launch asks for, read from its command line: shared by the first instance and by a second launch
// that Electron hands over (single instance), and testable under plain Node.
import { isAbsolute, resolve } from 'node:path'

export interface LaunchRequest {
  /** Digest files to import, as absolute paths. */
  files: string[]
  db: string | undefined
}

const FLAGS_WITH_VALUE = new Set(['--db'])

/**
 * `argv` is process.argv as Electron gives it: [electron, app path, ...] when run from source, or
 * [app, ...] when packaged. Chromium's own switches (--foo, --foo=bar) are skipped.
 */
export function parseLaunch(argv: string[], cwd: string, packaged: boolean): LaunchRequest {
  const files: string[] = []
  let db: string | undefined
  for (let i = packaged ? 1 : 2; i < argv.length; i++) {
    const a = argv[i] as string
    if (FLAGS_WITH_VALUE.has(a)) {
      if (a === '--db') db = argv[i + 1]
      i++
    } else if (a.startsWith('--db=')) db = a.slice(5)
    else if (!a.startsWith('-')) files.push(isAbsolute(a) ? a : resolve(cwd, a))
  }
  return { files, db }
}

export interface InstanceHost {
  focus: () => void
  importFiles: (paths: string[]) => void
}

/** A second launch focuses the running window and imports the files it was given there. */
export function onSecondLaunch(argv: string[], cwd: string, packaged: boolean, host: InstanceHost): void {
  host.focus()
  const { files } = parseLaunch(argv, cwd, packaged)
  if (files.length) host.importFiles(files)
}
