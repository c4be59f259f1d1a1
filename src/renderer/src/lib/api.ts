import { createWebApi } from '../../../preload/web'
import type { Api, AppEvent } from '../../../shared/api'

function tokenFromLocation(): string {
  // The token travels in the URL fragment, which the browser never sends to the server; keep it for reloads.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromHash) sessionStorage.setItem('papershelf-token', fromHash)
  return fromHash ?? sessionStorage.getItem('papershelf-token') ?? ''
}

/** The desktop app's preload API, or in browser mode the same API over HTTP. */
export const api: Api = window.papershelf ?? createWebApi(tokenFromLocation())

export const isDesktop = window.papershelf !== undefined

export function subscribeAppEvents(listener: (event: AppEvent) => void): () => void {
  return window.papershelfEvents?.subscribe(listener) ?? (() => {})
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
