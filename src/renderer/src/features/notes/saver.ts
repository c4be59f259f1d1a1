export type SaveStatus = 'saved' | 'editing' | 'saving' | 'error'

export interface SaverOptions {
  save: (body: string) => Promise<void>
  onStatus: (status: SaveStatus, error?: unknown) => void
  delay?: number
}

/**
 * Autosave for one note: writes shortly after typing stops, one write at a time, always the newest text;
 * a failed write keeps the text, reports it and retries with a growing delay.
 */
export class NoteSaver {
  private latest: string
  private saved: string
  private inFlight = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private retryDelay = 1000

  constructor(
    initial: string,
    private readonly options: SaverOptions
  ) {
    this.latest = initial
    this.saved = initial
  }

  get dirty(): boolean {
    return this.latest !== this.saved
  }

  update(text: string): void {
    this.latest = text
    this.options.onStatus('editing')
    this.schedule(this.options.delay ?? 400)
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer)
    if (this.inFlight || !this.dirty) return
    this.inFlight = true
    const body = this.latest
    this.options.onStatus('saving')
    try {
      await this.options.save(body)
      this.saved = body
      this.retryDelay = 1000
      this.inFlight = false
      if (this.dirty) await this.flush()
      else this.options.onStatus('saved')
    } catch (err) {
      this.inFlight = false
      this.options.onStatus('error', err)
      this.schedule(this.retryDelay)
      this.retryDelay = Math.min(this.retryDelay * 2, 30_000)
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), ms)
  }
}
