// The domain benchmarks' pure parts: the content they write (agenda blocks the domain's checks
// accept, CSV files of distinct cells, approval batches under the body limit, typed names), the
// percentile and the results table; no timings.
import { describe, expect, it } from 'vitest'
import { checkActivity, checkGoal, checkIndicatorBlock, isPeriod } from '@common-ground/domain'
import {
  agendaBlocks,
  byteBatches,
  mapActivities,
  mapRelations,
  DOMAIN_QUICK,
  DOMAIN_STANDARD,
  indicatorId,
  measurementCsv,
  quarters,
  typedName,
} from './fixtures.ts'
import { domainCaveats, domainRows, domainSection, domainTable } from './report.ts'
import { percentile } from './scenarios.ts'

describe('domain benchmark content', () => {
  it('writes activity maps the domain checks accept, with relations between distinct activities', () => {
    const partners = ['p-a', 'p-b', 'p-c']
    const goals = ['g-b00000', 'g-b00001']
    const indicators = ['i-b00000', 'i-b00001', 'i-b00002']
    const activities = mapActivities(500, partners, goals, indicators)
    expect(new Set(activities.map((a) => a.id)).size).toBe(500)
    const context = { partnerIds: partners, goalIds: new Set(goals), indicatorIds: new Set(indicators) }
    expect(activities.flatMap((a) => checkActivity(a.id, a.fields, context).issues)).toEqual([])
    const relations = mapRelations(
      1000,
      activities.map((a) => a.id),
    )
    expect(new Set(relations.map((r) => r.id)).size).toBe(1000)
    expect(relations.every((r) => r.from !== r.to)).toBe(true)
  })

  it('writes agendas of valid goal and indicator blocks, goals first', () => {
    const partners = ['p-aaaa1111', 'p-bbbb2222']
    const blocks = agendaBlocks(300, 10, partners)
    expect(blocks.filter((b) => b.node === 'indicatorBlock')).toHaveLength(300)
    expect(blocks.filter((b) => b.node === 'goalBlock')).toHaveLength(10)
    expect(blocks[0]!.node).toBe('goalBlock')
    expect(new Set(blocks.map((b) => b.attrs.id)).size).toBe(blocks.length)
    for (const b of blocks) {
      const checked = b.node === 'goalBlock' ? checkGoal(b.attrs) : checkIndicatorBlock(b.attrs, { partnerIds: partners })
      expect(checked.issues).toEqual([])
    }
  })

  it('names quarters oldest first, ending with 2025-Q4', () => {
    expect(quarters(5)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'])
    expect(quarters(40)).toHaveLength(40)
    expect(quarters(40)[0]).toBe('2016-Q1')
    expect(quarters(40).every(isPeriod)).toBe(true)
  })

  it('writes CSV files of distinct cells, and refuses more rows than cells', () => {
    const ids = [indicatorId(0), indicatorId(1)]
    const csv = measurementCsv(7, ids, quarters(2), ['p1', 'p2'])
    const lines = csv.trimEnd().split('\n')
    expect(lines[0]).toBe('indicator,period,partner,value,note')
    expect(lines).toHaveLength(8)
    const cells = lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))
    expect(new Set(cells).size).toBe(7)
    expect(() => measurementCsv(9, ids, quarters(2), ['p1', 'p2'])).toThrow(/distinct cells/)
    expect(
      measurementCsv(
        100_000,
        Array.from({ length: 300 }, (_, i) => indicatorId(i)),
        quarters(42),
        Array(8).fill('p'),
      ).split('\n'),
    ).toHaveLength(100_002)
  })

  it('batches approval decisions by count and by JSON size', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, pad: 'x'.repeat(90) }))
    const batches = byteBatches(items, 4, 350)
    expect(batches.flat()).toEqual(items)
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(4)
      expect(JSON.stringify({ decisions: b }).length).toBeLessThanOrEqual(350)
    }
    expect(byteBatches(items, 3, 1e9).map((b) => b.length)).toEqual([3, 3, 3, 1])
  })

  it('types one letter per keystroke, never ending in a space, and starts over after 60', () => {
    expect(typedName('Name', 1)).toBe('Name a')
    expect(typedName('Name', 3)).toBe('Name abc')
    expect(typedName('Name', 61)).toBe('Name a')
    const names = Array.from({ length: 200 }, (_, i) => typedName('Name', i + 1))
    for (let i = 1; i < names.length; i++) expect(names[i]).not.toBe(names[i - 1])
    expect(names.every((n) => n === n.trim())).toBe(true)
  })

  it('keeps the quick sizes small and the standard ones at issue 20’s', () => {
    expect(DOMAIN_STANDARD.keystroke.indicators).toBe(300)
    expect(DOMAIN_STANDARD.reportCard).toMatchObject({ indicators: 300, periods: 40, partners: 8 })
    expect(DOMAIN_STANDARD.csvImport.rows).toBe(100_000)
    expect(DOMAIN_STANDARD.rebuild.initiatives * 2).toBe(1000)
    expect(DOMAIN_QUICK.csvImport.rows).toBeLessThan(10_000)
    expect(DOMAIN_QUICK.reportCard.indicators * DOMAIN_QUICK.reportCard.periods * DOMAIN_QUICK.reportCard.partners).toBeLessThan(1000)
  })
})

describe('domain benchmark report', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(percentile(samples, 50)).toBe(50)
    expect(percentile(samples, 99)).toBe(99)
    expect(percentile(samples, 100)).toBe(100)
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([], 50)).toBeNull()
  })

  it('reads each figure against its goal without asserting it, and lists failures and wrong records', () => {
    const results = {
      keystroke: { p99Ms: 40, passCpuP50Ms: 7, wrongRecords: 2 },
      csvImport: { error: 'the domain server exited (1) before listening' },
    }
    const rows = domainRows(results, DOMAIN_STANDARD)
    expect(rows.find((r) => r.key === 'p99Ms')).toMatchObject({ value: 40, goal: 100 })
    expect(rows.filter((r) => r.scenario === 'csvImport').every((r) => r.value === null)).toBe(true)
    expect(rows.some((r) => r.scenario === 'reportCard')).toBe(false)
    const table = domainTable(rows)
    expect(table).toMatch(/keystroke → derived record: p99 \| ms \| 40\.0 \| ≤ 100 \| yes \|/)
    expect(table).toMatch(/CPU per derivation pass: p50 \| ms \| 7\.00 \| ≤ 5\.00 \| no \|/)
    expect(table).toMatch(/100,000 rows: answer \| s \| — \| ≤ 5\.00 \| — \|/)
    expect(domainCaveats(results)).toEqual([
      '- keystroke: 2 derivation passes did not show the name just typed',
      '- csvImport: FAILED: the domain server exited (1) before listening',
    ])
    expect(domainSection(results, DOMAIN_STANDARD, 'standard')).toContain('### Domain (standard)')
    // Only the scenarios that ran are described (`--only=archive` runs (D6) alone).
    expect(domainSection(results, DOMAIN_STANDARD, 'standard')).toContain('(D3) one text/csv POST')
    expect(domainSection(results, DOMAIN_STANDARD, 'standard')).not.toContain('(D6)')
  })

  it('reads the archive benchmark (D6) against its 10 s goals', () => {
    expect(DOMAIN_STANDARD.archive).toEqual({ documents: 50, updates: 100_000 })
    expect(DOMAIN_QUICK.archive.updates).toBeLessThan(DOMAIN_STANDARD.archive.updates)
    const results = { archive: { exportSec: 0.6, importSec: 12, exportPeakRssMb: 214 } }
    const table = domainTable(domainRows(results, DOMAIN_STANDARD))
    expect(table).toMatch(/\(D6\) cg export, 50 documents \/ 100,000 updates \(\.tar\) \| s \| 0\.600 \| ≤ 10\.0 \| yes \|/)
    expect(table).toMatch(/\(D6\) cg import into an empty data directory \(\.tar\) \| s \| 12\.0 \| ≤ 10\.0 \| no \|/)
    const section = domainSection(results, DOMAIN_STANDARD, 'standard')
    expect(section).toContain('(D6) one initiative of 50 documents')
    expect(section).not.toContain('(D1)')
  })
})
