// Browser mode's bridge: the same Api as the Electron preload, over fetch to the local server.
import { ApiError, methodNames, unwrap, type Api, type Envelope } from '../shared/api'

export function createWebApi(token: string): Api {
  return Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (input: unknown) => {
        let res: Response
        const body = JSON.stringify(input ?? {})
        try {
          res = await fetch(`/api/${name}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body,
            // Lets a note saved while the tab closes still arrive (browsers cap keepalive bodies at 64 KB).
            keepalive: body.length < 60_000
          })
        } catch {
          throw new ApiError('internal', 'Papershelf is not running: start it again with `npm start`.')
        }
        if (res.status === 403) {
          throw new ApiError(
            'internal',
            'This page is not allowed to use Papershelf: open the address the server printed.'
          )
        }
        if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) {
          throw new ApiError('internal', `Papershelf answered ${res.status}: ${await res.text()}`)
        }
        return unwrap((await res.json()) as Envelope<unknown>)
      }
    ])
  ) as Api
}
