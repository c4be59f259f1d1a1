import { describe, expect, it } from 'vitest'
import { onSecondLaunch, parseLaunch } from './launch'

describe('launch arguments', () => {
  it('reads digest files and --db, skipping the runtime, the app path and Chromium switches', () => {
    const argv = [
      '/usr/bin/electron',
      '.',
      '--enable-logging',
      '--db',
      '/data/lib.db',
      'today.txt',
      '/abs/feed.xml'
    ]
    expect(parseLaunch(argv, '/home/u', false)).toEqual({
      files: ['/home/u/today.txt', '/abs/feed.xml'],
      db: '/data/lib.db'
    })
    expect(parseLaunch(['/opt/Papershelf/papershelf', '--db=/x.db', 'a.bib'], '/w', true)).toEqual({
      files: ['/w/a.bib'],
      db: '/x.db'
    })
  })

  it('a second launch focuses the first window and hands it the files, resolved against its own folder', () => {
    const calls: string[] = []
    const host = {
      focus: () => calls.push('focus'),
      importFiles: (f: string[]) => calls.push(`import ${f.join(',')}`)
    }
    onSecondLaunch(['/opt/Papershelf/papershelf', 'digest.txt'], '/home/u/Downloads', true, host)
    expect(calls).toEqual(['focus', 'import /home/u/Downloads/digest.txt'])
    calls.length = 0
    onSecondLaunch(['/opt/Papershelf/papershelf'], '/home/u', true, host)
    expect(calls).toEqual(['focus'])
  })
})
