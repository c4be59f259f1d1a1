import type { ApiErrorShape } from '../shared/api'
import { ImportError } from './import/types'
import { NewerDatabaseError } from './db/migrations'

/** An error whose message is meant for the user as it stands. */
export class UserError extends Error {
  override name = 'UserError'
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string
  ) {
    super(message)
  }
}

/** Another connection holds the write lock (SQLITE_BUSY and its extended codes, e.g. BUSY_SNAPSHOT). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/** Maps anything thrown by a handler to what a user can read; unexpected errors are logged in full. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof UserError) return { code: err.code, message: err.message }
  if (err instanceof ImportError || err instanceof NewerDatabaseError) {
    return { code: 'user_error', message: err.message }
  }
  const code = (err as { code?: unknown } | null)?.code
  if (isBusy(err) || code === 'SQLITE_LOCKED') {
    return {
      code: 'busy',
      message:
        'The library is busy: another Papershelf window or command is writing. Nothing was changed; try again.'
    }
  }
  if (code === 'SQLITE_FULL') {
    return {
      code: 'user_error',
      message: 'The disk is full, so nothing was changed. Free some space and try again.'
    }
  }
  if (code === 'SQLITE_READONLY') {
    return { code: 'user_error', message: 'The library file is read-only, so nothing was changed.' }
  }
  console.error(err)
  const detail = err instanceof Error ? err.message : String(err)
  return { code: 'internal', message: `Something went wrong inside Papershelf: ${detail}` }
}
