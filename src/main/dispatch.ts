import { contract, type Envelope, type MethodName } from '../shared/api'
import type { Handlers } from './service'
import { toApiError } from './errors'

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name)
}

/** Validates a request against the contract (once, here) and runs its handler; never throws. */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown
): Promise<Envelope<unknown>> {
  if (!isMethod(name))
    return { ok: false, error: { code: 'not_found', message: `Unknown method "${name}".` } }
  const parsed = contract[name].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid request to ${name}${where}: ${issue?.message ?? 'bad input'}.`
      }
    }
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (err) {
    return { ok: false, error: toApiError(err) }
  }
}
