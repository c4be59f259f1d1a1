import type { Api, AppEvent } from '../shared/api'

declare global {
  interface Window {
    /** Present in the desktop app (the preload); created from the web bridge in browser mode. */
    papershelf?: Api
    /** Desktop app only: events from the main process (menu commands, imports from a second launch). */
    papershelfEvents?: { subscribe: (listener: (event: AppEvent) => void) => () => void }
  }
}
