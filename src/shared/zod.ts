// zod, set to run without `new Function`: the renderer's CSP forbids it and would report zod's probe.
// Imported by api.ts before it builds any schema, since zod probes when a schema is first compiled.
import { z } from 'zod'

z.config({ jitless: true })

export { z }
