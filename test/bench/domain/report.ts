// The domain benchmarks' part of the results: one table of figures against issue 20's targets
// (a "goal" column and whether this run is within it — a reading, never an assertion), the
// method in a few lines, and the failures. Pure, unit-tested in domain.test.ts.
import { fmt } from '../lib/stats.ts'
import type { DomainParams } from './fixtures.ts'
import type { DomainMetrics, DomainScenarioName } from './scenarios.ts'

export type DomainResults = Partial<Record<DomainScenarioName, DomainMetrics | { error: string }>>

export interface DomainRow {
  scenario: DomainScenarioName
  label: string
  key: string
  unit: string
  value: number | null
  /** Issue 20's target (lower is better), or null for a figure without one. */
  goal: number | null
}

interface Spec {
  key: string
  label: string
  unit: string
  goal?: number
}

function specs(p: DomainParams): Record<DomainScenarioName, Spec[]> {
  const k = p.keystroke
  const c = p.reportCard
  return {
    keystroke: [
      { key: 'p50Ms', label: `(D1) keystroke → derived record, ${k.indicators} indicator blocks: p50`, unit: 'ms' },
      { key: 'p95Ms', label: '(D1) keystroke → derived record: p95', unit: 'ms' },
      { key: 'p99Ms', label: '(D1) keystroke → derived record: p99', unit: 'ms', goal: 100 },
      { key: 'passCpuP50Ms', label: '(D1) server CPU per derivation pass: p50', unit: 'ms', goal: 5 },
      { key: 'passCpuP95Ms', label: '(D1) server CPU per derivation pass: p95', unit: 'ms' },
      { key: 'serverCpuPerKeystrokeMs', label: '(D1) server CPU per keystroke, everything (sync, log, derivation, read-model writes)', unit: 'ms', goal: 5 },
      { key: 'httpP50Ms', label: '(D1) keystroke → GET indicator shows it: p50', unit: 'ms' },
      { key: 'httpP99Ms', label: '(D1) keystroke → GET indicator shows it: p99', unit: 'ms', goal: 100 },
    ],
    reportCard: [
      { key: 'warmP50Ms', label: `(D2) GET report-card, ${c.indicators} × ${c.periods} × ${c.partners}, warm: p50`, unit: 'ms' },
      { key: 'warmP95Ms', label: '(D2) GET report-card, warm: p95', unit: 'ms', goal: 30 },
      { key: 'changedP50Ms', label: '(D2) GET report-card after a change (recomputed): p50', unit: 'ms' },
      { key: 'changedP95Ms', label: '(D2) GET report-card after a change (recomputed): p95', unit: 'ms', goal: 30 },
      { key: 'warmServerCpuMs', label: '(D2) server CPU per warm GET', unit: 'ms' },
      { key: 'changedServerCpuP50Ms', label: '(D2) server CPU per recomputing GET: p50', unit: 'ms' },
      { key: 'sheetPassCpuP50Ms', label: '(D2) server CPU per derivation pass of the sheet (the change): p50', unit: 'ms' },
      { key: 'answerKb', label: '(D2) report-card answer size', unit: 'KB' },
    ],
    csvImport: [
      { key: 'wallSec', label: `(D3) CSV import of ${p.csvImport.rows.toLocaleString('en')} rows: answer`, unit: 's', goal: 5 },
      { key: 'derivedSec', label: '(D3) CSV import: until the read model holds the cells', unit: 's' },
      { key: 'serverCpuSec', label: '(D3) CSV import: server CPU', unit: 's' },
      { key: 'peakRssMb', label: '(D3) CSV import: server peak RSS', unit: 'MB' },
    ],
    rebuild: [
      { key: 'rebuildMs', label: `(D4) read-model rebuild, readmodel/ deleted (${p.rebuild.initiatives * 2} documents)`, unit: 'ms' },
      { key: 'startToListenMs', label: '(D4) server start to listening, readmodel/ deleted', unit: 'ms' },
      { key: 'keptRebuildMs', label: '(D4) rebuild check with the read model kept', unit: 'ms' },
      { key: 'keptStartToListenMs', label: '(D4) server start to listening, read model kept', unit: 'ms' },
    ],
    history: [
      { key: 'versionsP95Ms', label: `(D5) GET versions of a ${p.history.updates.toLocaleString('en')}-update document: p95`, unit: 'ms', goal: 200 },
      { key: 'compareFirstMs', label: '(D5) GET compare of two neighbouring versions, first time', unit: 'ms', goal: 200 },
      { key: 'compareP95Ms', label: '(D5) GET compare of two neighbouring versions, again: p95', unit: 'ms', goal: 200 },
      { key: 'compareWholeFirstMs', label: '(D5) GET compare of the first version against the current, first time', unit: 'ms', goal: 200 },
      { key: 'changesP95Ms', label: '(D5) GET changes (what changed since my last visit, half the history): p95', unit: 'ms' },
      { key: 'documentKbPer1000', label: "(D5) the document's files per 1,000 updates", unit: 'KB' },
      { key: 'historyKbPer1000', label: '(D5) the version index and checkpoints per 1,000 updates', unit: 'KB' },
    ],
    archive: [
      {
        key: 'exportSec',
        label: `(D6) cg export, ${p.archive.documents} documents / ${p.archive.updates.toLocaleString('en')} updates (.tar)`,
        unit: 's',
        goal: 10,
      },
      { key: 'exportPeakRssMb', label: '(D6) cg export: peak RSS', unit: 'MB' },
      { key: 'importSec', label: '(D6) cg import into an empty data directory (.tar)', unit: 's', goal: 10 },
      { key: 'importPeakRssMb', label: '(D6) cg import: peak RSS', unit: 'MB' },
      { key: 'tarMb', label: '(D6) archive size (.tar)', unit: 'MB' },
      { key: 'gzExportSec', label: '(D6) cg export (.tar.gz)', unit: 's', goal: 10 },
      { key: 'gzImportSec', label: '(D6) cg import (.tar.gz)', unit: 's', goal: 10 },
      { key: 'gzMb', label: '(D6) archive size (.tar.gz)', unit: 'MB' },
      { key: 'backupSec', label: '(D6) cg backup of that data directory', unit: 's' },
      { key: 'backupPeakRssMb', label: '(D6) cg backup: peak RSS', unit: 'MB' },
    ],
    activityMap: [
      {
        key: 'checkCpuP50Ms',
        label: `(D7) coordination check after one edit, ${p.activityMap.activities} activities × ${p.activityMap.relations.toLocaleString('en')} relations: server CPU p50`,
        unit: 'ms',
        goal: 50,
      },
      { key: 'checkCpuP95Ms', label: '(D7) coordination check after one edit: server CPU p95', unit: 'ms', goal: 50 },
      { key: 'checkP95Ms', label: '(D7) GET findings after one edit: answer p95', unit: 'ms' },
      { key: 'editPassCpuP50Ms', label: '(D7) server CPU per derivation pass of the map (the edit): p50', unit: 'ms' },
      { key: 'warmFindingsCpuMs', label: '(D7) server CPU per GET findings, unchanged map', unit: 'ms' },
      { key: 'joinP50Ms', label: '(D7) joining the map document (connect to synced): p50', unit: 'ms' },
      { key: 'joinP95Ms', label: '(D7) joining the map document: p95', unit: 'ms' },
    ],
  }
}

export function domainRows(results: DomainResults, params: DomainParams): DomainRow[] {
  const rows: DomainRow[] = []
  const all = specs(params)
  for (const scenario of Object.keys(all) as DomainScenarioName[]) {
    const m = results[scenario]
    if (!m) continue
    for (const s of all[scenario]) {
      const raw = 'error' in m ? null : m[s.key]
      rows.push({
        scenario,
        label: s.label,
        key: s.key,
        unit: s.unit,
        value: typeof raw === 'number' && Number.isFinite(raw) ? raw : null,
        goal: s.goal ?? null,
      })
    }
  }
  return rows
}

function verdict(row: DomainRow): string {
  if (row.goal === null) return ''
  if (row.value === null) return '—'
  return row.value <= row.goal ? 'yes' : 'no'
}

export function domainTable(rows: readonly DomainRow[]): string {
  const lines = ['| metric | unit | value | goal | within goal |', '|---|---|---:|---:|:---:|']
  for (const row of rows) lines.push(`| ${row.label} | ${row.unit} | ${fmt(row.value)} | ${row.goal === null ? '' : `≤ ${fmt(row.goal)}`} | ${verdict(row)} |`)
  return lines.join('\n')
}

/** Checks that did not come out as they should (wrong records, a failed verification) and failures. */
export function domainCaveats(results: DomainResults): string[] {
  const lines: string[] = []
  for (const [scenario, m] of Object.entries(results)) {
    if (!m) continue
    if ('error' in m) {
      lines.push(`- ${scenario}: FAILED: ${String(m.error)}`)
      continue
    }
    if (Number(m.wrongRecords) > 0) lines.push(`- ${scenario}: ${m.wrongRecords} derivation passes did not show the name just typed`)
    if (Number(m.httpWrong) > 0) lines.push(`- ${scenario}: ${m.httpWrong} keystrokes never showed through GET indicator`)
    if (m.verified === false) lines.push(`- ${scenario}: the rebuilt read model did not answer the sample agenda with its indicators`)
    if (typeof m.imported === 'number' && typeof m.rows === 'number' && m.imported !== m.rows)
      lines.push(`- ${scenario}: imported ${m.imported} of ${m.rows} rows`)
  }
  return lines
}

export function describeDomain(p: DomainParams, results: DomainResults): string[] {
  const k = p.keystroke
  const c = p.reportCard
  const setup = results.reportCard && !('error' in results.reportCard) ? results.reportCard : null
  const ran = (id: DomainScenarioName) => Object.keys(results).length === 0 || id in results
  const order: DomainScenarioName[] = ['keystroke', 'reportCard', 'csvImport', 'rebuild', 'history', 'archive', 'activityMap']
  return [
    `(D1) one agenda of ${k.indicators} indicator blocks under ${k.goals} goals (${k.partners} partners); a y-websocket client types into one indicator's name (one attribute write per keystroke, ${k.gapMs} ms apart): ${k.warmup} unmeasured, ${k.keystrokes} measured until the read model holds the new name (the launcher's probe, told by the read model's subscription), then ${k.httpKeystrokes} until GET /api/initiatives/<id>/indicators/<id> shows it. CPU per pass: process.cpuUsage in the server from the document's change to the read model's put; per keystroke: the server's whole CPU over the measured keystrokes ÷ their number.`,
    `(D2) ${c.indicators} quarterly count indicators × ${c.periods} quarters × ${c.partners} partners = ${c.indicators * c.periods * c.partners} cells, imported by CSV and every one approved through the approvals route${setup ? ` (set-up: import ${fmt(Number(setup.setupImportSec))} s, approvals ${fmt(Number(setup.setupApproveSec))} s)` : ''}; ${c.warmReps} GETs of the cached card, then ${c.changeReps} × (a note written into one cell over the WebSocket, derived, then one GET that recomputes the card); each GET timed to its answer's last byte, server CPU by process.cpuUsage around it.`,
    `(D3) one text/csv POST of ${p.csvImport.rows.toLocaleString('en')} rows (indicator, period, partner, value, note; every row a new cell) into a fresh sheet of ${p.csvImport.indicators} indicators and ${p.csvImport.partners} partners; peak RSS sampled from /proc every 20 ms (and VmHWM after a reset).`,
    `(D4) ${p.rebuild.initiatives} initiatives, each an agenda (${p.rebuild.indicatorsPerAgenda} indicator blocks written over a WebSocket) and a measurement sheet (${p.rebuild.cellsPerSheet} cells by CSV import); the server stopped and started again with the read model kept, then with <dataDir>/readmodel/ deleted; the rebuild's time as DerivationEngine.rebuild logs it, and spawn to listening.`,
    `(D5) one agenda typed by a y-websocket client one character per update (a deletion of 3 every 50), ${p.history.updates.toLocaleString('en')} updates in ${p.history.versions} versions (the server's clock moved 6 minutes between them, over IPC); then ${p.history.reps} GETs each of versions, of the compare of two neighbouring versions in the middle, of the oldest version against the current, and of a reader's changes (who last looked half-way); the first compare is timed alone (it computes the checkpoints), the rest as p50/p95.`,
    `(D6) one initiative of ${p.archive.documents} documents (agenda, sheet, ${p.archive.documents - 2} partner pages) made through a real server, then ${p.archive.updates.toLocaleString('en')} small text edits appended to the stopped data directory's logs and each document compacted once (test/bench/archiveBench.ts); \`cg export\`, \`cg import\` (into an empty data directory, .tar and .tar.gz) and \`cg backup\`, each in its own node process (with tsx and the server's modules loaded: ~160 MB of the peak RSS), timed inside it; peak RSS from getrusage.`,
    `(D7) one activity map of ${p.activityMap.activities} activities (1–2 goals, 0–2 indicators, 0–2 contributors each) and ${p.activityMap.relations.toLocaleString('en')} relations over an agenda of ${p.activityMap.goals} goals and ${p.activityMap.indicators} indicators (${p.activityMap.partners} partners), written in one transaction by a y-websocket client; then ${p.activityMap.edits} × (one activity's title changed over the WebSocket, derived, then one GET findings, which reruns the coordination check — server CPU by process.cpuUsage around it, the HTTP handling included); then ${p.activityMap.joins} fresh clients join the map (connect to synced).`,
  ].filter((_, i) => ran(order[i]!))
}

export function domainSection(results: DomainResults, params: DomainParams, mode: string): string {
  const caveats = domainCaveats(results)
  return [
    `### Domain (${mode})`,
    '',
    'Our server only (the built bundle with `pnpm start`’s node flags, accounts enforced, DiskStorage, a fresh temp data dir per scenario); load from the orchestrator process. Never asserted.',
    '',
    ...describeDomain(params, results).map((l) => `- ${l}`),
    '',
    domainTable(domainRows(results, params)),
    ...(caveats.length ? ['', 'Failures and caveats:', ...caveats] : []),
    '',
  ].join('\n')
}
