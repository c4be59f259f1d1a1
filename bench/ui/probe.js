// Measurement helpers injected into every benchmarked page before its own scripts run (Playwright's
// addInitScript, which a page's Content-Security-Policy does not block). Everything is timed inside the
// page, on the page's own clock, so that the harness's round trips to the browser are never counted.
/* global window, document, performance, requestAnimationFrame, MessageChannel, MutationObserver,
   PerformanceObserver, setTimeout, clearTimeout */
;(() => {
  const state = {
    /** e.timeStamp of the last keydown: when the browser received the key, queueing delay included. */
    keyAt: null,
    /** /api/listPapers calls: the search they asked for and when their answer arrived. */
    responses: [],
    waiting: null
  }

  // Capture phase on window runs before any of the app's own listeners.
  window.addEventListener('keydown', (e) => (state.keyAt = e.timeStamp), { capture: true })

  // Every API call is counted while in flight, so the harness can wait for the app to be idle between
  // measurements; /api/listPapers calls also remember which search they asked for and when it arrived.
  let inflight = 0
  let lastActivity = 0
  const originalFetch = window.fetch.bind(window)
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input.url
    let entry = null
    if (url.endsWith('/api/listPapers')) {
      let search = ''
      try {
        search = JSON.parse(init.body).search ?? ''
      } catch {
        // Not a JSON body: not one of ours to watch.
      }
      entry = { search, sentAt: performance.now(), answeredAt: null }
      state.responses.push(entry)
    }
    inflight++
    lastActivity = performance.now()
    try {
      const res = await originalFetch(input, init)
      if (entry) entry.answeredAt = performance.now()
      return res
    } finally {
      inflight--
      lastActivity = performance.now()
    }
  }

  /** Resolves once no API call has been in flight for quietMs (true), or after timeoutMs (false). */
  const idle = (quietMs = 100, timeoutMs = 30000) =>
    new Promise((resolve) => {
      const start = performance.now()
      const tick = () => {
        const now = performance.now()
        if (inflight === 0 && now - lastActivity >= quietMs) resolve(true)
        else if (now - start > timeoutMs) resolve(false)
        else setTimeout(tick, 20)
      }
      tick()
    })

  const list = () => document.querySelector('[role="listbox"][aria-label="Papers"]')
  const byId = (id) => document.getElementById(`paper-${id}`)
  const number = (el) => (el ? Number(el.textContent.replace(/\D/g, '')) : NaN)

  /** The count the sidebar shows next to a view ("Unread", "Starred", …). */
  function navCount(label) {
    for (const b of document.querySelectorAll('nav[aria-label="Library"] button')) {
      const name = b.querySelector('.nav-label')
      if (name && name.textContent.trim() === label) return number(b.querySelector('.nav-count'))
    }
    return NaN
  }

  // What "the screen shows it" means for each measurement.
  const predicates = {
    rows: () => !!list()?.querySelector('[role="option"]'),
    selected: ({ id }) => byId(id)?.getAttribute('aria-selected') === 'true',
    detail: ({ title }) => document.querySelector('.detail-title')?.textContent === title,
    star: ({ id, starred }) => !!byId(id) && !!byId(id).querySelector('.star') === starred,
    gone: ({ id }) => !byId(id) && !!list()?.querySelector('[role="option"][aria-selected="true"]'),
    count: ({ label, value }) => navCount(label) === value,
    searched: ({ search }) =>
      state.responses.some((r) => r.search === search && r.answeredAt !== null) &&
      list()?.getAttribute('aria-busy') !== 'true' &&
      (!!list()?.querySelector('[role="option"]') || !!document.querySelector('.empty-state'))
  }

  /** Resolves on the next frame after now: a rAF callback, then a task queued from it, runs after paint. */
  const nextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => resolve(performance.now())
        channel.port2.postMessage(0)
      })
    )

  /**
   * Starts watching the DOM for each named condition; result() then resolves with, for each, when the DOM
   * first satisfied it (changedAt) and when the frame showing that was painted (paintedAt).
   */
  function arm(specs, timeoutMs = 15000) {
    state.keyAt = null
    state.responses = []
    const marks = {}
    const pending = new Set(Object.keys(specs))
    let finish
    const done = new Promise((resolve) => (finish = resolve))
    const check = () => {
      for (const name of [...pending]) {
        const { pred, args } = specs[name]
        if (!predicates[pred](args ?? {})) continue
        pending.delete(name)
        const changedAt = performance.now()
        marks[name] = { changedAt, paintedAt: null }
        void nextPaint().then((t) => {
          marks[name].paintedAt = t
          if (Object.values(marks).every((m) => m.paintedAt !== null) && pending.size === 0) stop()
        })
      }
    }
    const observer = new MutationObserver(check)
    const timer = setTimeout(() => stop(), timeoutMs)
    function stop() {
      observer.disconnect()
      clearTimeout(timer)
      finish({ keyAt: state.keyAt, marks, timedOut: pending.size > 0 })
    }
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
    state.waiting = done
    check()
  }

  /** A snapshot of what the next key press will change, so the harness can say what to wait for. */
  function current() {
    const selected = list()?.querySelector('[role="option"][aria-selected="true"]')
    const next = selected?.nextElementSibling
    const id = (el) => (el ? Number(el.id.replace('paper-', '')) : null)
    return {
      id: id(selected),
      starred: !!selected?.querySelector('.star'),
      nextId: id(next),
      nextTitle: next?.querySelector('.row-title')?.textContent ?? null,
      unread: navCount('Unread'),
      starredCount: navCount('Starred'),
      rows: list()?.querySelectorAll('[role="option"]').length ?? 0
    }
  }

  /**
   * Scrolls `selector` by `step` pixels a frame until row `rows` is in view, counting frames that took
   * longer than 32 ms (two frames at 60 Hz) and long tasks. When the list has not loaded that far yet the
   * frame only waits (and is counted as waiting): loading is the app's business, a janky frame is not.
   */
  function scroll({ selector, step, rows, rowHeight, timeoutMs }) {
    const el = document.querySelector(selector)
    const longTasks = []
    const po = new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration)))
    po.observe({ type: 'longtask' })
    const goal = rows * rowHeight - el.clientHeight
    const deltas = []
    let waiting = 0
    let stuckSince = null
    const start = performance.now()
    return new Promise((resolve) => {
      let last = null
      const frame = (ts) => {
        if (last !== null) deltas.push(ts - last)
        last = ts
        const before = el.scrollTop
        const finished = before >= goal - 1
        const stuck = stuckSince !== null && ts - stuckSince > 10000
        if (finished || stuck || ts - start > timeoutMs) {
          po.disconnect()
          resolve({
            reachedRows: Math.round((before + el.clientHeight) / rowHeight),
            finished,
            ms: performance.now() - start,
            frames: deltas.length,
            longFrames: deltas.filter((d) => d > 32).length,
            worstFrame: Math.max(0, ...deltas),
            waitingFrames: waiting,
            longTasks: longTasks.length,
            longTaskMs: longTasks.reduce((a, b) => a + b, 0)
          })
          return
        }
        el.scrollTop = Math.min(goal, before + step)
        if (el.scrollTop <= before) {
          waiting++
          stuckSince ??= ts
        } else stuckSince = null
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
  }

  // Mount: watched from the very start of the document, before the page's own scripts run.
  const firstRows = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!list()?.querySelector('[role="option"]')) return
      observer.disconnect()
      void nextPaint().then(resolve)
    })
    observer.observe(document, { subtree: true, childList: true })
  })

  window.__bench = {
    arm,
    result: () => state.waiting,
    current,
    idle,
    scroll,
    /** When the first rows were painted, on the page's clock (0 = navigation start). */
    firstRows: () => firstRows,
    timeOrigin: () => performance.timeOrigin
  }
})()
