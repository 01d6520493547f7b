// Deterministic documents with a long editing history, generated once and cached in the OS
// temp directory (generation of the large ones takes tens of seconds; the bytes only depend
// on the parameters and the pinned Yjs version).
//
// A history: `ops` single edits in one Y.Text by 8 simulated authors who take turns every 20
// edits, each turn starting at a random place; an edit is one typed letter at the cursor
// (40 %), a word inserted at a random place (45 %) or a deletion of 1–6 characters before the
// cursor (15 %): a scattered, many-author history that Yjs cannot merge into a few long items.
// Its encoded state (with gc) is ~12–13 bytes per edit.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import seedrandom from 'seedrandom'
import * as Y from 'yjs'

const WORDS = (
  'the of and to in is for that on with as by this be are from at or an it not which have were their ' +
  'more also its agenda budget partners coalition meeting action outcome community review'
).split(' ')
const AUTHORS = 8
const TURN = 20

export interface DocumentFixture {
  /** The whole state as one Yjs v1 update (what every server's storage holds). */
  file: string
  bytes: number
  /** Total characters over all sections (a joiner checks it got the whole document). */
  textLength: number
  ops: number
  sections: number
}

export interface FixtureSpec {
  name: string
  seed: string
  /** Number of Y.Texts (`section-0`, …), each with its own history. */
  sections: number
  opsPerSection: number
}

export function cacheDir(): string {
  const dir = path.join(os.tmpdir(), 'common-ground-bench-fixtures')
  mkdirSync(dir, { recursive: true })
  return dir
}

function writeHistory(doc: Y.Doc, text: Y.Text, ops: number, rng: () => number): void {
  let cursor = 0
  for (let n = 0; n < ops; n++) {
    const length = text.length
    if (n % TURN === 0) {
      doc.clientID = 1_000 + Math.floor(rng() * AUTHORS)
      cursor = Math.floor(rng() * (length + 1))
    }
    cursor = Math.min(cursor, length)
    const r = rng()
    if (r < 0.15 && length > 10) {
      const count = 1 + Math.floor(rng() * 6)
      const at = Math.max(0, Math.min(length - count, cursor - count))
      text.delete(at, count)
      cursor = at
    } else if (r < 0.6) {
      cursor = Math.floor(rng() * (length + 1))
      const word = `${WORDS[Math.floor(rng() * WORDS.length)]} `
      text.insert(cursor, word)
      cursor += word.length
    } else {
      text.insert(cursor, String.fromCharCode(97 + Math.floor(rng() * 26)))
      cursor++
    }
  }
}

export function documentFixture(spec: FixtureSpec, log: (msg: string) => void = () => {}): DocumentFixture {
  const key = JSON.stringify({ v: 1, yjs: '13.6.33', authors: AUTHORS, turn: TURN, ...spec })
  const hash = createHash('sha1').update(key).digest('hex').slice(0, 12)
  const file = path.join(cacheDir(), `${spec.name}-${hash}.yupdate`)
  const metaFile = `${file}.json`
  if (existsSync(file) && existsSync(metaFile)) return JSON.parse(readFileSync(metaFile, 'utf8')) as DocumentFixture
  log(`generating fixture ${spec.name} (${spec.sections} × ${spec.opsPerSection} edits)…`)
  const rng = seedrandom(spec.seed)
  const doc = new Y.Doc()
  for (let s = 0; s < spec.sections; s++) writeHistory(doc, doc.getText(`section-${s}`), spec.opsPerSection, rng)
  const update = Y.encodeStateAsUpdate(doc)
  let textLength = 0
  for (let s = 0; s < spec.sections; s++) textLength += doc.getText(`section-${s}`).length
  doc.destroy()
  const fixture: DocumentFixture = {
    file,
    bytes: update.byteLength,
    textLength,
    ops: spec.sections * spec.opsPerSection,
    sections: spec.sections,
  }
  writeFileSync(`${file}.tmp`, update)
  renameSync(`${file}.tmp`, file)
  writeFileSync(metaFile, JSON.stringify(fixture))
  return fixture
}

/** Where every server looks for stored documents: `<dir>/<name>.yupdate`, one Yjs update each. */
export function storedDocumentPath(storeDir: string, name: string): string {
  return path.join(storeDir, `${encodeURIComponent(name)}.yupdate`)
}
