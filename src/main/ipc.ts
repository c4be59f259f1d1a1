// Electron's transport: one ipcMain handler per contract method, each checking who is asking.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { methodNames } from '../shared/api'
import { dispatch } from './dispatch'
import type { Handlers } from './service'

export const channel = (method: string): string => `api:${method}`

/** Only our own window, showing our own page, may call the API. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, isTrustedSender: SenderCheck): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channel(name), (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'internal', message: 'Refused: the request did not come from Papershelf.' }
        }
      }
      return dispatch(handlers, name, input)
    })
  }
  return () => methodNames.forEach((name) => ipcMain.removeHandler(channel(name)))
}
