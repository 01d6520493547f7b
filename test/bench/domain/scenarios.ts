// The domain benchmarks (issue 20's performance targets), each on its own fresh server process and
// temp data dir: (D1) keystroke → derived record on an agenda of 300 indicator blocks, (D2) the
// report card at 300 indicators × 40 periods × 8 partners, (D3) a CSV import of 100,000 rows,
// (D4) the read-model rebuild of 1,000 documents at start, (D5) document history on a 10,000-update
// document, (D6) the export, import and backup of an initiative of 50 documents and 100,000 updates
// (../archiveBench.ts), (D7) the activity map's coordination check after one edit and joining the map.
// They record figures; they assert none.
import { rmSync } from 'node:fs'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { writeActivity, writeRelation, writeStrategy, writeCell } from '@common-ground/domain'
import { runArchiveBench } from '../archiveBench.ts'
import { Sampler, sleep } from '../lib/proc.ts'
import { agendaBlocks, goalId, indicatorId, mapActivities, mapRelations, measurementCsv, quarters, typedName, type DomainParams } from './fixtures.ts'
import { DomainServer } from './server.ts'
import { addMember, api, approveAll, connectEditor, createBenchInitiative, importCsv, signUp, writeAgenda, type Account } from './setup.ts'

export type DomainMetrics = Record<string, number | string | boolean | null>
export type DomainScenarioName = 'keystroke' | 'reportCard' | 'csvImport' | 'rebuild' | 'history' | 'archive' | 'activityMap'

export interface DomainContext {
  params: DomainParams
  scratch: string
  log: (message: string) => void
}

/** Nearest-rank percentile of unsorted samples (null for none). */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

const r2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100)

async function withServer<T>(ctx: DomainContext, label: string, run: (server: DomainServer, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(ctx.scratch, `domain-${label}-`))
  const server = await DomainServer.start(dataDir)
  try {
    return await run(server, dataDir)
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function findBlock(doc: Y.Doc, id: string): Y.XmlElement {
  const found = doc
    .getXmlFragment('default')
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id)
  if (!found) throw new Error(`no block ${id}`)
  return found as Y.XmlElement
}

/** One GET; `ms` runs to the answer's last byte (parsing it is the client's work, not timed). */
async function get(server: DomainServer, as: Account, route: string, parse = true): Promise<{ status: number; body: any; ms: number; bytes: number }> {
  const t0 = performance.now()
  const response = await fetch(server.url + route, { headers: { cookie: as.cookie, accept: 'application/json' } })
  const text = await response.text()
  const ms = performance.now() - t0
  return { status: response.status, body: parse && text ? JSON.parse(text) : null, ms, bytes: text.length }
}

/** (D1) One indicator's name typed letter by letter by a y-websocket client; the record it derives. */
async function keystroke(ctx: DomainContext): Promise<DomainMetrics> {
  const p = ctx.params.keystroke
  return withServer(ctx, 'keystroke', async (server) => {
    const backbone = await signUp(server.url, 'Bench Backbone')
    const initiative = await createBenchInitiative(server, backbone, 'Keystrokes', p.partners)
    const editor = await writeAgenda(server, backbone, initiative, agendaBlocks(p.indicators, p.goals, initiative.partnerIds))
    const agenda = await get(server, backbone, `/api/initiatives/${initiative.id}/agenda`)
    const derivedIndicators = (agenda.body?.indicators ?? []).length as number
    ctx.log(`  agenda: ${derivedIndicators} indicator records derived`)
    const target = indicatorId(Math.floor(p.indicators / 2))
    const block = findBlock(editor.doc, target)
    const base = String(block.getAttribute('name'))
    let k = 0
    let wrong = 0
    const passCpuMs: number[] = []
    const passWallMs: number[] = []
    const latencies: number[] = []
    /** One keystroke; the time until the read model holds the record with the new name. */
    const type = async (): Promise<number> => {
      const expected = typedName(base, ++k)
      const seq = await server.seq(initiative.agenda)
      const t0 = performance.now()
      block.setAttribute('name', expected)
      const pass = await server.waitSeq(initiative.agenda, seq, target)
      const ms = performance.now() - t0
      if (pass.name !== expected) wrong++
      passCpuMs.push(pass.cpuUs / 1000)
      passWallMs.push(pass.wallMs)
      return ms
    }
    for (let i = 0; i < p.warmup; i++) {
      await type()
      await sleep(p.gapMs)
    }
    passCpuMs.length = 0
    passWallMs.length = 0
    wrong = 0
    const cpuBefore = await server.cpu()
    const windowStart = performance.now()
    for (let i = 0; i < p.keystrokes; i++) {
      latencies.push(await type())
      await sleep(p.gapMs)
    }
    const windowMs = performance.now() - windowStart
    const cpuAfter = await server.cpu()
    // The same keystrokes seen through the HTTP API: GET the indicator until it shows the new name.
    const httpLatencies: number[] = []
    let httpWrong = 0
    for (let i = 0; i < p.httpKeystrokes; i++) {
      const expected = typedName(base, ++k)
      const t0 = performance.now()
      block.setAttribute('name', expected)
      for (let tries = 0; ; tries++) {
        const answer = await get(server, backbone, `/api/initiatives/${initiative.id}/indicators/${target}`)
        if (answer.body?.indicator?.name === expected) break
        if (tries > 5000) {
          httpWrong++
          break
        }
      }
      httpLatencies.push(performance.now() - t0)
      await sleep(p.gapMs)
    }
    editor.destroy()
    return {
      indicators: derivedIndicators,
      keystrokes: latencies.length,
      p50Ms: r2(percentile(latencies, 50)),
      p95Ms: r2(percentile(latencies, 95)),
      p99Ms: r2(percentile(latencies, 99)),
      maxMs: r2(Math.max(...latencies)),
      passCpuP50Ms: r2(percentile(passCpuMs, 50)),
      passCpuP95Ms: r2(percentile(passCpuMs, 95)),
      passCpuMaxMs: r2(Math.max(...passCpuMs)),
      passWallP50Ms: r2(percentile(passWallMs, 50)),
      serverCpuPerKeystrokeMs: r2((cpuAfter.cpuUs - cpuBefore.cpuUs) / 1000 / latencies.length),
      windowSec: r2(windowMs / 1000),
      wrongRecords: wrong,
      httpKeystrokes: httpLatencies.length,
      httpP50Ms: r2(percentile(httpLatencies, 50)),
      httpP95Ms: r2(percentile(httpLatencies, 95)),
      httpP99Ms: r2(percentile(httpLatencies, 99)),
      httpWrong,
    }
  })
}

/** (D2) GET report-card, warm (cached) and right after a change to the sheet (recomputed). */
async function reportCard(ctx: DomainContext): Promise<DomainMetrics> {
  const p = ctx.params.reportCard
  return withServer(ctx, 'report-card', async (server) => {
    const backbone = await signUp(server.url, 'Bench Backbone')
    const initiative = await createBenchInitiative(server, backbone, 'Report card', p.partners)
    const ids = Array.from({ length: p.indicators }, (_, i) => indicatorId(i))
    const editor = await writeAgenda(server, backbone, initiative, agendaBlocks(p.indicators, 10, initiative.partnerIds))
    editor.destroy()
    const periods = quarters(p.periods)
    const cells = p.indicators * p.periods * p.partners
    let t0 = performance.now()
    const imported = await importCsv(server, backbone, initiative.id, measurementCsv(cells, ids, periods, initiative.partnerIds))
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`)
    const setupImportSec = (performance.now() - t0) / 1000
    t0 = performance.now()
    const approved = await approveAll(server, backbone, initiative, ids)
    const setupApproveSec = (performance.now() - t0) / 1000
    ctx.log(`  ${cells} cells imported in ${setupImportSec.toFixed(1)} s, ${approved} approved in ${setupApproveSec.toFixed(1)} s`)
    const route = `/api/initiatives/${initiative.id}/report-card`
    const first = await get(server, backbone, route)
    if (first.status !== 200) throw new Error(`report card: ${first.status}`)
    const cardIndicators = (first.body.goals as { indicators: unknown[] }[]).reduce((n, g) => n + g.indicators.length, 0)
    const warm: number[] = []
    const warmCpu0 = (await server.cpu()).cpuUs
    for (let i = 0; i < p.warmReps; i++) warm.push((await get(server, backbone, route, false)).ms)
    const warmCpuMs = ((await server.cpu()).cpuUs - warmCpu0) / 1000 / p.warmReps
    const sheet = await connectEditor(server, initiative.sheet, backbone)
    const changed: number[] = []
    const changedCpu: number[] = []
    const sheetPassMs: number[] = []
    for (let i = 0; i < p.changeReps; i++) {
      const seq = await server.seq(initiative.sheet)
      // A note on one cell: a new sheet version, so the card's cache no longer applies.
      writeCell(
        sheet.doc,
        { indicatorId: ids[i % ids.length]!, period: periods[0]!, partnerId: initiative.partnerIds[0]!, dimension: '', category: '' },
        { note: `n${i}` },
      )
      sheetPassMs.push((await server.waitSeq(initiative.sheet, seq)).cpuUs / 1000)
      const cpu0 = (await server.cpu()).cpuUs
      changed.push((await get(server, backbone, route, false)).ms)
      changedCpu.push(((await server.cpu()).cpuUs - cpu0) / 1000)
    }
    sheet.destroy()
    return {
      cells,
      approved,
      cardIndicators,
      headlineTotal: first.body.headline?.total ?? null,
      answerKb: Math.round(first.bytes / 1024),
      firstMs: r2(first.ms),
      warmP50Ms: r2(percentile(warm, 50)),
      warmP95Ms: r2(percentile(warm, 95)),
      changedP50Ms: r2(percentile(changed, 50)),
      changedP95Ms: r2(percentile(changed, 95)),
      warmServerCpuMs: r2(warmCpuMs),
      changedServerCpuP50Ms: r2(percentile(changedCpu, 50)),
      sheetPassCpuP50Ms: r2(percentile(sheetPassMs, 50)),
      setupImportSec: r2(setupImportSec),
      setupApproveSec: r2(setupApproveSec),
    }
  })
}

/** (D3) One CSV file of `rows` rows imported into a fresh initiative's sheet. */
async function csvImport(ctx: DomainContext): Promise<DomainMetrics> {
  const p = ctx.params.csvImport
  return withServer(ctx, 'csv', async (server) => {
    const backbone = await signUp(server.url, 'Bench Backbone')
    const initiative = await createBenchInitiative(server, backbone, 'CSV import', p.partners)
    const ids = Array.from({ length: p.indicators }, (_, i) => indicatorId(i))
    const editor = await writeAgenda(server, backbone, initiative, agendaBlocks(p.indicators, 10, initiative.partnerIds))
    editor.destroy()
    const csv = measurementCsv(p.rows, ids, quarters(Math.ceil(p.rows / (p.indicators * p.partners))), initiative.partnerIds)
    const rssBefore = (await server.cpu()).rssBytes
    const seq = await server.seq(initiative.sheet)
    const sampler = new Sampler(server.pid, 20)
    const t0 = performance.now()
    const answer = await importCsv(server, backbone, initiative.id, csv)
    const wallSec = (performance.now() - t0) / 1000
    await server.waitSeq(initiative.sheet, seq, undefined, 120_000)
    const derivedSec = (performance.now() - t0) / 1000
    const usage = sampler.stop()
    if (answer.status !== 200) throw new Error(`import: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`)
    return {
      rows: p.rows,
      fileMb: r2(Buffer.byteLength(csv) / 2 ** 20),
      imported: answer.body.imported,
      wallSec: r2(wallSec),
      derivedSec: r2(derivedSec),
      serverCpuSec: r2(usage.cpuSec),
      rssBeforeMb: Math.round(rssBefore / 2 ** 20),
      peakRssMb: Math.round(usage.peakRssKb / 1024),
    }
  })
}

/** (D4) Restarts over 1,000 stored documents: with the read model kept, and with readmodel/ deleted. */
async function rebuild(ctx: DomainContext): Promise<DomainMetrics> {
  const p = ctx.params.rebuild
  const dataDir = await mkdtemp(path.join(ctx.scratch, 'domain-rebuild-'))
  try {
    let server = await DomainServer.start(dataDir)
    let backbone: Account
    let sample: { id: string; indicators: number }
    try {
      backbone = await signUp(server.url, 'Bench Backbone')
      const t0 = performance.now()
      let next = 0
      const ids: string[] = []
      const worker = async () => {
        while (next < p.initiatives) {
          const n = next++
          const initiative = await createBenchInitiative(server, backbone, `Initiative ${n + 1}`, 1)
          const editor = await writeAgenda(server, backbone, initiative, agendaBlocks(p.indicatorsPerAgenda, 1, initiative.partnerIds))
          editor.destroy()
          const rows = measurementCsv(
            p.cellsPerSheet,
            agendaIds(p.indicatorsPerAgenda),
            quarters(Math.ceil(p.cellsPerSheet / p.indicatorsPerAgenda)),
            initiative.partnerIds,
          )
          const imported = await importCsv(server, backbone, initiative.id, rows)
          if (imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`)
          ids.push(initiative.id)
        }
      }
      await Promise.all(Array.from({ length: p.concurrency }, worker))
      ctx.log(`  ${p.initiatives} initiatives written in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
      sample = { id: ids[0]!, indicators: p.indicatorsPerAgenda }
    } finally {
      await server.stop()
    }
    const documents = (await readdir(path.join(dataDir, 'readmodel'))).filter((f) => f.endsWith('.json')).length
    // Kept: every state current, nothing re-derived (each document is still loaded to compare its seq).
    server = await DomainServer.start(dataDir)
    const kept = { ms: server.spawnToListenMs, rebuild: server.info.rebuild }
    await server.stop()
    await rm(path.join(dataDir, 'readmodel'), { recursive: true, force: true })
    server = await DomainServer.start(dataDir)
    const rebuilt = { ms: server.spawnToListenMs, rebuild: server.info.rebuild }
    let verified = false
    try {
      const agenda = await api(server.url, 'GET', `/api/initiatives/${sample.id}/agenda`, { as: backbone })
      verified = agenda.status === 200 && agenda.body.indicators.length === sample.indicators
    } finally {
      await server.stop()
    }
    return {
      documents,
      derived: rebuilt.rebuild?.derived ?? null,
      rebuildMs: rebuilt.rebuild?.ms ?? null,
      startToListenMs: Math.round(rebuilt.ms),
      keptRebuildMs: kept.rebuild?.ms ?? null,
      keptStartToListenMs: Math.round(kept.ms),
      kept: kept.rebuild?.kept ?? null,
      verified,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Bytes under a directory (files only). */
async function du(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name)
    total += entry.isDirectory() ? await du(full) : (await stat(full)).size
  }
  return total
}

/**
 * (D5) Document history on a long history: one agenda typed one character per update by a
 * y-websocket client in `versions` versions (the server's clock moved 6 minutes between them);
 * then GET versions, GET compare of two neighbouring versions in the middle, of the first against
 * the last, and GET changes for a reader who last looked half-way — each timed to the last byte.
 */
async function history(ctx: DomainContext): Promise<DomainMetrics> {
  const p = ctx.params.history
  return withServer(ctx, 'history', async (server, dataDir) => {
    const backbone = await signUp(server.url, 'Bench Typist')
    const initiative = await createBenchInitiative(server, backbone, 'History', 2)
    const reader = await addMember(server.url, backbone, initiative.id, 'participant')
    const h = `/api/initiatives/${initiative.id}/history`
    const doc = encodeURIComponent(initiative.agenda)
    const list = async () =>
      (await get(server, backbone, `${h}/versions?document=${doc}`)).body as { latestSeq: number; versions: { seq: number; fromSeq: number }[] }
    const editor = await connectEditor(server, initiative.agenda, backbone)
    const text = new Y.XmlText()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [text])
    editor.doc.getXmlFragment('default').insert(0, [paragraph])
    const start = (await list()).latestSeq
    const perVersion = Math.floor(p.updates / p.versions)
    const t0 = performance.now()
    let seenSeq = 0
    for (let v = 0; v < p.versions; v++) {
      await server.advanceClock(6 * 60_000)
      for (let i = 0; i < perVersion; i++) {
        text.insert(text.length, String.fromCharCode(97 + ((v + i) % 26)))
        if (i % 50 === 49) text.delete(text.length - 10, 3)
      }
      const want = start + (v + 1) * perVersion + 1
      for (let tries = 0; (await list()).latestSeq < want; tries++) {
        if (tries > 3000) throw new Error(`version ${v + 1}: the server did not index ${want} updates`)
        await sleep(20)
      }
      if (v === Math.floor(p.versions / 2)) {
        const seen = await api(server.url, 'POST', `${h}/seen`, { as: reader, body: { document: initiative.agenda } })
        seenSeq = seen.body.seq
      }
    }
    const typingSec = (performance.now() - t0) / 1000
    editor.destroy()
    const final = await list()
    ctx.log(`  ${final.latestSeq} updates in ${final.versions.length} versions typed in ${typingSec.toFixed(1)} s`)
    const timedGet = async (as: Account, route: string) => {
      const samples: number[] = []
      let first: { status: number; ms: number } | null = null
      for (let i = 0; i < p.reps; i++) {
        const answer = await get(server, as, route, false)
        if (answer.status !== 200) throw new Error(`${route}: ${answer.status}`)
        if (!first) first = answer
        else samples.push(answer.ms)
      }
      return { firstMs: r2(first!.ms), p50: r2(percentile(samples, 50)), p95: r2(percentile(samples, 95)) }
    }
    const versions = await timedGet(backbone, `${h}/versions?document=${doc}`)
    const middle = final.versions[Math.floor(final.versions.length / 2)]!
    const neighbour = await timedGet(backbone, `${h}/compare?document=${doc}&from=${middle.fromSeq - 1}&to=${middle.seq}`)
    const oldest = final.versions.at(-1)!
    const whole = await timedGet(backbone, `${h}/compare?document=${doc}&from=${oldest.seq}`)
    const changes = await timedGet(reader, `${h}/changes`)
    const documentBytes = await du(path.join(dataDir, 'documents', encodeURIComponent(initiative.agenda)))
    const historyBytes = await du(path.join(dataDir, 'history', encodeURIComponent(initiative.agenda)))
    const thousands = final.latestSeq / 1000
    return {
      updates: final.latestSeq,
      versions: final.versions.length,
      seenSeq,
      typingSec: r2(typingSec),
      versionsFirstMs: versions.firstMs,
      versionsP50Ms: versions.p50,
      versionsP95Ms: versions.p95,
      compareFirstMs: neighbour.firstMs,
      compareP50Ms: neighbour.p50,
      compareP95Ms: neighbour.p95,
      compareWholeFirstMs: whole.firstMs,
      compareWholeP95Ms: whole.p95,
      changesFirstMs: changes.firstMs,
      changesP95Ms: changes.p95,
      documentKbPer1000: r2(documentBytes / 1024 / thousands),
      historyKbPer1000: r2(historyBytes / 1024 / thousands),
    }
  })
}

const agendaIds = (n: number) => Array.from({ length: n }, (_, i) => indicatorId(i))

/** (D6) `cg export` and `cg import` (tar and tar.gz) and `cg backup`, each step in its own process as the command runs it. */
async function archive(ctx: DomainContext): Promise<DomainMetrics> {
  const r = await runArchiveBench({ ...ctx.params.archive, scratch: ctx.scratch, log: (line) => ctx.log(`  ${line}`) })
  const sec = (ms: number) => Math.round(ms / 10) / 100
  return {
    exportSec: sec(r.exportMs),
    exportPeakRssMb: r.exportPeakRssMb,
    importSec: sec(r.importMs),
    importPeakRssMb: r.importPeakRssMb,
    tarMb: r.tarMb,
    gzExportSec: sec(r.gzExportMs),
    gzImportSec: sec(r.gzImportMs),
    gzMb: r.gzMb,
    backupSec: sec(r.backupMs),
    backupPeakRssMb: r.backupPeakRssMb,
    prepareSec: sec(r.prepareMs),
  }
}

/**
 * (D7) The activity map: `activities` activities and `relations` relations over an agenda, written by
 * a y-websocket client; then `edits` × (one activity's title changed over the WebSocket, derived, one
 * GET findings that reruns the coordination check — server CPU around it), and `joins` fresh clients
 * joining the map document.
 */
async function activityMap(ctx: DomainContext): Promise<DomainMetrics> {
  const p = ctx.params.activityMap
  return withServer(ctx, 'activity-map', async (server) => {
    const backbone = await signUp(server.url, 'Bench Backbone')
    const initiative = await createBenchInitiative(server, backbone, 'Activity map', p.partners)
    const agendaEditor = await writeAgenda(server, backbone, initiative, agendaBlocks(p.indicators, p.goals, initiative.partnerIds))
    agendaEditor.destroy()
    const map = `i/${initiative.id}/activities`
    const goals = Array.from({ length: p.goals }, (_, g) => goalId(g))
    const indicators = Array.from({ length: p.indicators }, (_, i) => indicatorId(i))
    const activities = mapActivities(p.activities, initiative.partnerIds, goals, indicators)
    const relations = mapRelations(
      p.relations,
      activities.map((a) => a.id),
    )
    const editor = await connectEditor(server, map, backbone)
    let seq = await server.seq(map)
    const t0 = performance.now()
    editor.doc.transact(() => {
      for (let s = 0; s < 10; s++) writeStrategy(editor.doc, `s-b${String(s).padStart(6, '0')}`, { title: `Strategy ${s + 1}`, order: s + 1 })
      for (const a of activities) writeActivity(editor.doc, a.id, { ...a.fields, strategyId: `s-b${String(Number(a.id.slice(3)) % 10).padStart(6, '0')}` })
      for (const r of relations) writeRelation(editor.doc, r.id, { from: r.from, to: r.to, type: r.type, status: 'accepted', proposedBy: '' })
    })
    const firstPass = await server.waitSeq(map, seq)
    const setupSec = (performance.now() - t0) / 1000
    const route = `/api/initiatives/${initiative.id}/activities/findings`
    let cpu0 = (await server.cpu()).cpuUs
    const first = await get(server, backbone, route)
    const firstCpuMs = ((await server.cpu()).cpuUs - cpu0) / 1000
    if (first.status !== 200) throw new Error(`findings: ${first.status}`)
    const counts = first.body.counts as Record<string, number>
    ctx.log(`  ${p.activities} activities, ${p.relations} relations in ${setupSec.toFixed(1)} s; findings ${JSON.stringify(counts)}`)
    const warm: number[] = []
    cpu0 = (await server.cpu()).cpuUs
    for (let i = 0; i < 10; i++) warm.push((await get(server, backbone, route, false)).ms)
    const warmCpuMs = ((await server.cpu()).cpuUs - cpu0) / 1000 / 10
    const passCpu: number[] = []
    const checkCpu: number[] = []
    const checkMs: number[] = []
    for (let i = 0; i < p.edits; i++) {
      seq = await server.seq(map)
      const target = activities[(i * 37) % activities.length]!
      writeActivity(editor.doc, target.id, { title: `${target.fields.title} ${i}` })
      passCpu.push((await server.waitSeq(map, seq)).cpuUs / 1000)
      cpu0 = (await server.cpu()).cpuUs
      const answer = await get(server, backbone, route, false)
      checkCpu.push(((await server.cpu()).cpuUs - cpu0) / 1000)
      checkMs.push(answer.ms)
    }
    editor.destroy()
    const joins: number[] = []
    for (let i = 0; i < p.joins; i++) {
      const t = performance.now()
      const joiner = await connectEditor(server, map, backbone)
      joins.push(performance.now() - t)
      if (joiner.doc.getMap('activities').size !== p.activities) throw new Error(`a joiner saw ${joiner.doc.getMap('activities').size} activities`)
      joiner.destroy()
    }
    return {
      activities: p.activities,
      relations: p.relations,
      duplicates: counts.possible_duplicate ?? null,
      setupSec: r2(setupSec),
      firstPassCpuMs: r2(firstPass.cpuUs / 1000),
      firstCheckCpuMs: r2(firstCpuMs),
      warmFindingsCpuMs: r2(warmCpuMs),
      warmFindingsP50Ms: r2(percentile(warm, 50)),
      editPassCpuP50Ms: r2(percentile(passCpu, 50)),
      checkCpuP50Ms: r2(percentile(checkCpu, 50)),
      checkCpuP95Ms: r2(percentile(checkCpu, 95)),
      checkP95Ms: r2(percentile(checkMs, 95)),
      joinP50Ms: r2(percentile(joins, 50)),
      joinP95Ms: r2(percentile(joins, 95)),
      answerKb: Math.round(first.bytes / 1024),
    }
  })
}

export const DOMAIN_SCENARIOS: Record<DomainScenarioName, { id: string; title: string; run: (ctx: DomainContext) => Promise<DomainMetrics> }> = {
  keystroke: { id: 'D1', title: 'keystroke → derived record', run: keystroke },
  reportCard: { id: 'D2', title: 'report card', run: reportCard },
  csvImport: { id: 'D3', title: 'CSV import', run: csvImport },
  rebuild: { id: 'D4', title: 'read-model rebuild at start', run: rebuild },
  history: { id: 'D5', title: 'document history on a long history', run: history },
  archive: { id: 'D6', title: 'initiative archive: export, import, backup', run: archive },
  activityMap: { id: 'D7', title: 'the activity map: coordination check after one edit, joining the map', run: activityMap },
}
