import { parseArgs } from 'node:util'

/** Reads `--name value` flags; anything else is positional. Unknown flags are an error with a clear message. */
export function readArgs<const T extends Record<string, { type: 'string' | 'boolean' }>>(
  argv: string[],
  options: T
) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
}
