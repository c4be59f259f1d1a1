// Electron preload: exposes window.papershelf, functions only, each an invoke of its contract method.
import { contextBridge, ipcRenderer } from 'electron'
import { methodNames, unwrap, type Api, type AppEvent, type Envelope } from '../shared/api'

const api = Object.fromEntries(
  methodNames.map((name) => [
    name,
    async (input: unknown) => unwrap((await ipcRenderer.invoke(`api:${name}`, input)) as Envelope<unknown>)
  ])
) as Api

contextBridge.exposeInMainWorld('papershelf', api)

contextBridge.exposeInMainWorld('papershelfEvents', {
  // The listener gets plain data only, never Electron's event object.
  subscribe(listener: (event: AppEvent) => void) {
    const wrapped = (_e: unknown, data: AppEvent): void => listener(data)
    ipcRenderer.on('app:event', wrapped)
    return () => void ipcRenderer.removeListener('app:event', wrapped)
  }
})
