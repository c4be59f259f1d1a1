// The report: every goal of issue 7 checked against a run, and the run as Markdown tables.
import type { ApiProfile, ImportBench, ListBench, SearchBench, SizeBench, ToggleBench } from './db-bench'
import type { StartupBench, UiBench } from './ui-bench'
import type { Ratio, Summary } from './stats'

export interface SizeReport {
  papers: number
  label: string
  digests: number
  import: ImportBench
  search: SearchBench[]
  list: ListBench[]
  toggle: { results: ToggleBench[]; ftsUntouched: boolean }
  size: SizeBench
  profile: ApiProfile | null
}

export interface Report {
  date: string
  command: string
  quick: boolean
  machine: {
    cpuModel: string
    cores: number
    memoryGiB: number
    node: string
    sqlite: string
    chromium: string | null
    /** 1-minute load average when the run started and when it ended: other work on the machine skews timings. */
    load: [number, number]
  }
  sizes: SizeReport[]
  ui: (UiBench & { library: string }) | null
  startup: StartupBench[] | null
  goals: Goal[]
  seconds: number
}

export interface Goal {
  /** Which of the goals this is one case of. */
  group: string
  name: string
  /** What was measured, as shown: "1.42 / 1.61" is p50 / p95. */
  value: string
  limit: string
  /** The number compared with the limit (a p50 ratio, a p95 in ms…), to rank the cases over it. */
  score: number
  /** met: within the goal at p50 and p95; p95: only the p95 is over; missed: the p50 is over. */
  status: 'met' | 'p95' | 'missed'
}

const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—')
export function ms(v: number): string {
  if (!Number.isFinite(v)) return '—'
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`
  if (v >= 100) return `${v.toFixed(0)} ms`
  if (v >= 10) return `${v.toFixed(1)} ms`
  return `${v.toFixed(2)} ms`
}
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`

function status(p50: number, p95: number, limit: number): Goal['status'] {
  if (!(p50 <= limit)) return 'missed'
  return p95 <= limit ? 'met' : 'p95'
}
const ratioGoal = (group: string, name: string, r: { p50: number; p95: number }, limit: number): Goal => ({
  group,
  name,
  value: `${f2(r.p50)} / ${f2(r.p95)}`,
  limit: `≤ ${limit}`,
  score: r.p50,
  status: status(r.p50, r.p95, limit)
})
const msGoal = (group: string, name: string, s: Summary, limit: number): Goal => ({
  group,
  name,
  value: `p95 ${ms(s.p95)}`,
  limit: `≤ ${limit} ms p95`,
  score: s.p95,
  status: s.p95 <= limit ? 'met' : 'missed'
})

export function goals(r: Report): Goal[] {
  const out: Goal[] = []
  const largest = r.sizes.at(-1)
  if (largest)
    out.push(ratioGoal('import ÷ raw INSERTs', `import ${largest.label}`, largest.import.ratio, 1.3))
  for (const s of r.sizes) {
    for (const q of s.search)
      out.push(ratioGoal('search ÷ raw FTS query', `search ${s.label} ${q.kind}`, q.ratio, 1.5))
    const temp = s.search.flatMap((q) => q.plans).concat(s.list.flatMap((l) => l.plans))
    out.push({
      group: 'no temp B-tree in query plans',
      name: `query plans ${s.label}`,
      value: `${temp.filter((p) => p.tempBtree).length} of ${temp.length} use a temp B-tree`,
      limit: 'none',
      score: temp.filter((p) => p.tempBtree).length,
      status: temp.some((p) => p.tempBtree) ? 'missed' : 'met'
    })
    for (const l of s.list) {
      out.push(ratioGoal('list page ÷ raw SELECT', `list ${s.label} ${l.view}, first page`, l.first, 1.2))
      out.push(ratioGoal('list page ÷ raw SELECT', `list ${s.label} ${l.view}, last page`, l.last, 1.2))
      out.push(ratioGoal('last page ÷ first page', `list ${s.label} ${l.view}, last ÷ first`, l.depth, 1.2))
      if (!l.sameRows) {
        out.push({
          group: 'list page ÷ raw SELECT',
          name: `list ${s.label} ${l.view} rows`,
          value: 'differ',
          limit: 'same',
          score: 1,
          status: 'missed'
        })
      }
    }
    for (const t of s.toggle.results)
      out.push(ratioGoal('toggle ÷ raw UPDATE', `toggle ${t.action} ${s.label}`, t.ratio, 1.2))
    out.push({
      group: 'toggles leave the FTS index untouched',
      name: `toggles leave the FTS index untouched ${s.label}`,
      value: s.toggle.ftsUntouched ? 'untouched' : 'written',
      limit: 'untouched',
      score: s.toggle.ftsUntouched ? 0 : 1,
      status: s.toggle.ftsUntouched ? 'met' : 'missed'
    })
  }
  if (r.ui) {
    for (const k of r.ui.keys) out.push(msGoal('key press → screen', `key ${k.key} → screen`, k.screen, 50))
    for (const q of r.ui.search) {
      out.push(msGoal('search keystroke → results', `search keystroke "${q.query}"`, q.keystroke, 100))
      out.push(msGoal('search keystroke → results', `search typed "${q.query}"`, q.typed, 100))
    }
    const { app, bare } = r.ui.scroll
    out.push({
      group: 'long frames ≤ bare list',
      name: 'long frames while scrolling',
      value: `app ${app.longFrames}, bare ${bare.longFrames}`,
      limit: '≤ bare',
      score: app.longFrames - bare.longFrames,
      status: app.longFrames <= bare.longFrames ? 'met' : 'missed'
    })
  }
  if (r.startup && r.startup.length === 2) {
    const [small, large] = r.startup as [StartupBench, StartupBench]
    out.push(
      ratioGoal(
        'start-up, large ÷ small',
        `start-up ${large.label} ÷ ${small.label}`,
        { p50: large.total.p50 / small.total.p50, p95: large.total.p95 / small.total.p95 },
        1.1
      )
    )
  }
  return out
}

// ---- tables ----------------------------------------------------------------------------------------

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`)
  ].join('\n')
}

const mark = (g: Goal['status']): string => (g === 'met' ? 'ok' : g === 'p95' ? 'p95 over' : '**MISS**')
const check = (r: Ratio, limit: number): string => mark(status(r.p50, r.p95, limit))

export function renderTable(r: Report): string {
  const m = r.machine
  const out: string[] = []
  out.push(
    `Papershelf benchmark, ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.seconds} s${r.quick ? ' (--quick)' : ''}`,
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}, SQLite ${m.sqlite}` +
      (m.chromium ? `, Chromium ${m.chromium}` : '') +
      `; load average ${m.load[0]} at the start, ${m.load[1]} at the end`,
    'Ratios are app ÷ baseline, measured in the same run: "p50 / p95" is the ratio of the p50s / of the p95s.',
    ''
  )

  out.push('### Import: importer ÷ raw INSERT loop (goal ≤ 1.3 at the largest size)', '')
  out.push(
    table(
      ['Papers', 'File', 'Runs', 'Importer p50', 'Raw p50', 'Ratio p50 / p95', 'Parse / write p50', 'Goal'],
      r.sizes.map((s) => [
        s.label,
        mb(s.import.fileBytes),
        String(s.import.runs),
        ms(s.import.ratio.subject.p50),
        ms(s.import.ratio.baseline.p50),
        `${f2(s.import.ratio.p50)} / ${f2(s.import.ratio.p95)}`,
        `${ms(s.import.phases.parseMs)} / ${ms(s.import.phases.writeMs)}`,
        s === r.sizes.at(-1) ? check(s.import.ratio, 1.3) : 'info'
      ])
    ),
    ''
  )

  out.push('### Search: listPapers({search}) ÷ raw FTS5 query, 50 rows (goal ≤ 1.5, no temp B-tree)', '')
  out.push(
    table(
      [
        'Papers',
        'Query',
        'FTS5 expression',
        'Matches',
        'API p50',
        'Raw p50',
        'Ratio p50 / p95',
        'Temp B-tree',
        'Goal'
      ],
      r.sizes.flatMap((s) =>
        s.search.map((q) => [
          s.label,
          `${q.kind}: ${q.query}`,
          `\`${q.match}\``,
          q.matches.toLocaleString('en'),
          ms(q.ratio.subject.p50),
          ms(q.ratio.baseline.p50),
          `${f2(q.ratio.p50)} / ${f2(q.ratio.p95)}`,
          q.plans.some((p) => p.tempBtree) ? 'yes' : 'no',
          check(q.ratio, 1.5)
        ])
      )
    ),
    ''
  )

  out.push('### List pages: 100 rows through the API ÷ raw SELECT on the same index (goal ≤ 1.2)', '')
  out.push(
    table(
      [
        'Papers',
        'View',
        'Rows',
        'First: API p50',
        'ratio',
        'Last: API p50',
        'ratio',
        'Last ÷ first',
        'Plans',
        'Goal'
      ],
      r.sizes.flatMap((s) =>
        s.list.map((l) => {
          const worst = [
            status(l.first.p50, l.first.p95, 1.2),
            status(l.last.p50, l.last.p95, 1.2),
            status(l.depth.p50, l.depth.p95, 1.2)
          ]
          const g = worst.includes('missed') ? 'missed' : worst.includes('p95') ? 'p95' : 'met'
          return [
            s.label,
            l.view,
            l.rows.toLocaleString('en'),
            ms(l.first.subject.p50),
            `${f2(l.first.p50)} / ${f2(l.first.p95)}`,
            ms(l.last.subject.p50),
            `${f2(l.last.p50)} / ${f2(l.last.p95)}`,
            `${f2(l.depth.p50)} / ${f2(l.depth.p95)}`,
            l.plans.some((p) => p.tempBtree) ? 'temp B-tree' : 'index only',
            l.sameRows ? mark(g) : '**rows differ**'
          ]
        })
      )
    ),
    ''
  )

  out.push('### Toggles: setRead / setStarred ÷ raw UPDATE, both committed (goal ≤ 1.2)', '')
  out.push(
    table(
      ['Papers', 'Action', 'API p50', 'Raw p50', 'Ratio p50 / p95', 'Rows written', 'FTS index', 'Goal'],
      r.sizes.flatMap((s) =>
        s.toggle.results.map((t) => [
          s.label,
          t.action,
          ms(t.ratio.subject.p50),
          ms(t.ratio.baseline.p50),
          `${f2(t.ratio.p50)} / ${f2(t.ratio.p95)}`,
          String(t.changesPerToggle),
          s.toggle.ftsUntouched ? 'untouched' : '**written**',
          check(t.ratio, 1.2)
        ])
      )
    ),
    ''
  )

  out.push('### Size: database ÷ raw text (titles, authors, abstracts, notes, tags)', '')
  out.push(
    table(
      ['Papers', 'Digests', 'Database', 'Raw text', 'Ratio', 'Largest parts'],
      r.sizes.map((s) => [
        s.label,
        String(s.digests),
        mb(s.size.dbBytes),
        mb(s.size.rawTextBytes),
        f2(s.size.ratio),
        s.size.parts
          .slice(0, 3)
          .map((p) => `${p.name} ${mb(p.bytes)}`)
          .join(', ')
      ])
    ),
    ''
  )

  if (r.ui) {
    const u = r.ui
    out.push(
      `### UI: browser mode in Chromium, ${u.library} library (${u.rows.toLocaleString('en')} papers)`,
      ''
    )
    out.push(
      table(
        ['Key (Unread view)', 'Row p50', 'Row p95', 'Screen p50', 'Screen p95', 'Goal (screen ≤ 50 ms p95)'],
        [
          ...u.keys.map((k) => [
            k.key,
            ms(k.row.p50),
            ms(k.row.p95),
            ms(k.screen.p50),
            ms(k.screen.p95),
            k.screen.p95 <= 50 ? 'ok' : '**MISS**'
          ]),
          ...u.keysAfterScroll.map((k) => [
            `${k.key}, after scrolling the whole list`,
            ms(k.row.p50),
            ms(k.row.p95),
            ms(k.screen.p50),
            ms(k.screen.p95),
            'info'
          ])
        ]
      ),
      ''
    )
    out.push(
      table(
        ['Search', 'Last keystroke p50', 'p95', 'Typed at 100 ms/key p50', 'p95', 'Goal (≤ 100 ms p95)'],
        u.search.map((q) => [
          `${q.kind}: ${q.query}`,
          ms(q.keystroke.p50),
          ms(q.keystroke.p95),
          ms(q.typed.p50),
          ms(q.typed.p95),
          q.keystroke.p95 <= 100 && q.typed.p95 <= 100 ? 'ok' : '**MISS**'
        ])
      ),
      ''
    )
    const { app, bare, step } = u.scroll
    const row = (name: string, mount: Summary, s: typeof app): string[] => [
      name,
      `${ms(mount.p50)} / ${ms(mount.p95)}`,
      `${s.reachedRows.toLocaleString('en')}${s.finished ? '' : ' (stopped)'}`,
      ms(s.ms),
      String(s.frames),
      String(s.longFrames),
      ms(s.worstFrame),
      `${s.longTasks} (${ms(s.longTaskMs)})`,
      String(s.waitingFrames)
    ]
    out.push(
      table(
        [
          'List',
          'Mount p50 / p95',
          'Rows scrolled',
          'Time',
          'Frames',
          'Frames > 32 ms',
          'Worst frame',
          'Long tasks',
          'Frames waiting for data'
        ],
        [row('Papershelf (All view)', u.mount.app, app), row('bare virtual list', u.mount.bare, bare)]
      ),
      '',
      `Scrolled ${step} px a frame. Goal: no more long frames than the bare list: ${app.longFrames <= bare.longFrames ? 'ok' : '**MISS**'}.`,
      ''
    )
  }

  if (r.startup) {
    out.push('### Start-up: launch browser mode → first rows painted (goal: largest ÷ smallest ≤ 1.1)', '')
    out.push(
      table(
        [
          'Library',
          'Server ready p50',
          'First rows p50',
          'First rows p95',
          'First launch (check + backup)',
          'Stops that needed SIGKILL'
        ],
        r.startup.map((s) => [
          s.label,
          ms(s.server.p50),
          ms(s.total.p50),
          ms(s.total.p95),
          ms(s.firstLaunchMs),
          String(s.uncleanStops)
        ])
      ),
      ''
    )
    if (r.startup.length === 2) {
      const [a, b] = r.startup as [StartupBench, StartupBench]
      const p50 = b.total.p50 / a.total.p50
      const p95 = b.total.p95 / a.total.p95
      out.push(`${b.label} ÷ ${a.label}: ${f2(p50)} / ${f2(p95)}: ${mark(status(p50, p95, 1.1))}`, '')
    }
  }

  const profiled = r.sizes.filter((s) => s.profile)
  if (profiled.length) {
    out.push('### Profile: where the API spends its time (µs per call)', '')
    out.push(
      table(
        ['Papers', 'Call', 'Total', 'Prepare', 'SQLite', 'JavaScript', 'Heaviest statement'],
        profiled.flatMap((s) =>
          s.profile!.calls.map((c) => [
            s.label,
            c.name,
            String(c.totalUs),
            String(c.prepareUs),
            String(c.sqliteUs),
            String(c.jsUs),
            c.statements[0] ? `${c.statements[0].us} µs: \`${c.statements[0].sql.slice(0, 90)}…\`` : ''
          ])
        )
      ),
      ''
    )
    const last = profiled.at(-1)!
    out.push(`counts() at ${last.label}: ${ms(last.profile!.counts.totalMs)}`, '')
    out.push(
      table(
        ['Statement', 'Time'],
        last.profile!.counts.statements.map((t) => [`\`${t.sql.slice(0, 120)}…\``, ms(t.ms)])
      ),
      ''
    )
    const imp = last.import.profile
    if (imp) {
      out.push(`Import at ${last.label}, SQL per statement (one extra run, ${ms(imp.totalMs)} in all)`, '')
      out.push(
        table(
          ['Statement', 'Calls', 'Time'],
          imp.statements.slice(0, 8).map((t) => [`\`${t.sql.slice(0, 100)}…\``, String(t.calls), ms(t.ms)])
        ),
        ''
      )
    }
  }
  if (r.ui?.hotspots) {
    out.push("### Profile: the page's heaviest functions (self time) during each UI phase", '')
    out.push(
      table(
        ['Phase', 'Function', 'Self time', 'Share of busy time'],
        Object.entries(r.ui.hotspots).flatMap(([phase, list]) =>
          list.slice(0, 6).map((h) => [phase, `\`${h.fn}\``, ms(h.ms), `${h.share}%`])
        )
      ),
      ''
    )
  }

  const met = r.goals.filter((g) => g.status === 'met').length
  out.push(`### Goals: ${met} of ${r.goals.length} cases met`, '')
  const groups = [...new Set(r.goals.map((g) => g.group))]
  out.push(
    table(
      ['Goal', 'Limit', 'Cases met', 'Worst case (p50 / p95)'],
      groups.map((group) => {
        const cases = r.goals.filter((g) => g.group === group)
        const worst = [...cases].sort((a, b) => b.score - a.score)[0]!
        const met = cases.filter((g) => g.status === 'met').length
        return [group, worst.limit, `${met} of ${cases.length}`, `${worst.name}: ${worst.value}`]
      })
    )
  )
  return out.join('\n')
}
