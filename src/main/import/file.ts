import { readFileSync, statSync } from 'node:fs'
import { ImportError } from './types'

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024

const mb = (n: number): string => `${Math.ceil(n / (1024 * 1024))} MB`

/** Reads a digest file, turning every way it can fail into one sentence the user can act on. */
export function readDigestFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Uint8Array {
  let size: number
  try {
    const st = statSync(path)
    if (st.isDirectory()) throw new ImportError(`${path} is a folder, not a digest file.`)
    if (!st.isFile()) throw new ImportError(`${path} is not a regular file.`)
    size = st.size
  } catch (err) {
    if (err instanceof ImportError) throw err
    throw new ImportError(`${path} does not exist.`)
  }
  if (size > maxBytes) {
    throw new ImportError(`This file is ${mb(size)}; digests larger than ${mb(maxBytes)} are not imported.`)
  }
  try {
    return readFileSync(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new ImportError(
      code === 'EACCES' || code === 'EPERM'
        ? `${path} cannot be read: permission denied.`
        : `${path} cannot be read (${code ?? 'unknown error'}).`
    )
  }
}
