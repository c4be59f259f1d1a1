// The floor for a list of N papers in this browser: a minimal virtual list (fixed 64 px rows, 8 rows of
// overscan, as the app uses) holding every row from the start, with no framework, store or paging. The
// server sends a sample of real rows (title, authors, tags); row i shows sample[i % sample.length].
/* global document, fetch */
const ROW_HEIGHT = 64
const OVERSCAN = 8

function row(i, paper) {
  const el = document.createElement('div')
  el.className = 'row'
  el.setAttribute('role', 'option')
  el.id = `paper-${i + 1}`
  el.style.height = `${ROW_HEIGHT}px`
  el.style.transform = `translateY(${i * ROW_HEIGHT}px)`
  const marks = document.createElement('span')
  marks.className = 'row-marks'
  const dot = document.createElement('span')
  dot.className = 'dot'
  marks.append(dot)
  const text = document.createElement('span')
  text.className = 'row-text'
  const line = document.createElement('span')
  line.className = 'row-title-line'
  const title = document.createElement('span')
  title.className = 'row-title'
  title.textContent = paper[0]
  line.append(title)
  if (paper[2].length) {
    // Every tag as a chip: at least as much as the app draws, which shows a few and counts the rest.
    const tags = document.createElement('span')
    tags.className = 'row-tags'
    for (const name of paper[2]) {
      const chip = document.createElement('span')
      chip.className = 'row-tag'
      chip.textContent = name
      tags.append(chip)
    }
    line.append(tags)
  }
  const sub = document.createElement('span')
  sub.className = 'row-sub'
  sub.textContent = paper[1]
  text.append(line, sub)
  el.append(marks, text)
  return el
}

const { count, sample } = await (await fetch('./rows.json')).json()
const scroller = document.querySelector('.list-scroll')
const inner = document.createElement('div')
inner.style.position = 'relative'
inner.style.height = `${count * ROW_HEIGHT}px`
scroller.append(inner)

const shown = new Map()
function render() {
  const top = scroller.scrollTop
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(count - 1, Math.ceil((top + scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN)
  for (const [i, el] of shown) {
    if (i < first || i > last) {
      el.remove()
      shown.delete(i)
    }
  }
  for (let i = first; i <= last; i++) {
    if (shown.has(i)) continue
    const el = row(i, sample[i % sample.length])
    inner.append(el)
    shown.set(i, el)
  }
}
scroller.addEventListener('scroll', render, { passive: true })
render()
