// The bench command line picks the standard run by default, and the standard run measures the
// same things as the full one: every scenario, every server, the same table rows.
import { describe, expect, it } from 'vitest'
import { parseArgs } from './args.ts'
import { FULL, QUICK, STANDARD, fanoutWindowMs, type BenchParams } from './config.ts'
import { DOMAIN_QUICK, DOMAIN_STANDARD } from './domain/fixtures.ts'
import { buildRows, SERVER_ORDER, type RunResults } from './report.ts'
import { SCENARIOS } from './scenarios.ts'

/** The seconds a run spends in fixed waits and windows (what its parameters alone decide). */
function fixedSeconds(p: BenchParams): number {
  const fanoutRun =
    (p.fanout.serverWarmupMs + p.fanout.preflightSettleMs + p.fanout.readers.reduce((ms, n) => ms + p.fanout.warmupMs + fanoutWindowMs(p.fanout, n), 0)) / 1000
  const roomsRun = (p.rooms.warmupMs + p.rooms.measureMs) / 1000
  const servers = SERVER_ORDER.length
  // (1) has the lead-in: one more run of its first server.
  return p.loadgenWarmupMs / 1000 + fanoutRun * (servers * p.fanout.rounds + 1) + roomsRun * servers * p.rooms.rounds + (servers * p.idle.settleMs) / 1000
}

/** The table's row labels for a run of these parameters with every scenario and server (values do not matter). */
function rowLabels(p: BenchParams): string[] {
  const results: RunResults = {}
  for (const scenario of Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[]) {
    results[scenario] = Object.fromEntries(SERVER_ORDER.map((kind) => [kind, {}]))
  }
  return buildRows(results, p).map((r) => r.label)
}

describe('bench command line', () => {
  it('runs the standard parameters by default, every scenario and server, into latest.*', () => {
    const options = parseArgs([])
    expect(options.params).toBe(STANDARD)
    expect(options.scenarios).toEqual(Object.keys(SCENARIOS))
    expect(options.servers).toEqual(SERVER_ORDER)
    expect(options.resultsName).toBe('latest')
    expect(options).toMatchObject({ domain: true, domainParams: DOMAIN_STANDARD })
  })

  it('runs the domain benchmarks after the sync scenarios, or alone with --only=domain (small with --quick)', () => {
    expect(parseArgs(['--only=domain'])).toMatchObject({ scenarios: [], domain: true, resultsName: 'partial' })
    expect(parseArgs(['--only=storm,domain'])).toMatchObject({ scenarios: ['storm'], domain: true })
    expect(parseArgs(['--only=storm']).domain).toBe(false)
    expect(parseArgs(['--quick', '--only=domain'])).toMatchObject({ domainParams: DOMAIN_QUICK, resultsName: 'quick' })
    expect(parseArgs(['--full']).domainParams).toBe(DOMAIN_STANDARD)
    expect(() => parseArgs(['--only=domains'])).toThrow(/unknown domains/)
    // The archive benchmark (D5) alone, or with all of them.
    expect(parseArgs(['--only=archive'])).toMatchObject({ scenarios: [], domain: true, domainOnly: ['archive'], resultsName: 'partial' })
    expect(parseArgs(['--only=domain,archive']).domainOnly).toBeUndefined()
    expect(parseArgs([]).domainOnly).toBeUndefined()
    expect(parseArgs(['--only=history']).domainOnly).toEqual(['history'])
  })

  it('keeps the full run as --full (into full.*) and the smoke run as --quick (into quick.*)', () => {
    expect(parseArgs(['--', '--full'])).toMatchObject({ params: FULL, resultsName: 'full' })
    expect(parseArgs(['--quick'])).toMatchObject({ params: QUICK, resultsName: 'quick' })
    expect(parseArgs(['--full', '--only=storm']).resultsName).toBe('partial')
    expect(() => parseArgs(['--full', '--quick'])).toThrow(/pick one/)
  })

  it('refuses unknown options and names', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/)
    expect(() => parseArgs(['--servers=ours,floor'])).toThrow(/unknown ours/)
    expect(() => parseArgs(['--readers=0'])).toThrow(/positive integers/)
  })

  it('applies --readers and --window on top of the chosen parameters', () => {
    const { params } = parseArgs(['--full', '--readers=10,100', '--window=20'])
    expect(params.mode).toBe('full')
    expect(params.fanout.readers).toEqual([10, 100])
    expect(fanoutWindowMs(params.fanout, 10)).toBe(20_000)
    expect(FULL.fanout.readers).toEqual([10, 100, 500])
  })
})

describe('the standard run', () => {
  it('has the full run’s table rows: the same scenarios, servers, sizes and client counts', () => {
    expect(rowLabels(STANDARD)).toEqual(rowLabels(FULL))
    expect(rowLabels(QUICK)).not.toEqual(rowLabels(FULL))
    expect(STANDARD.idle).toEqual(FULL.idle)
    expect(STANDARD.storm).toEqual(FULL.storm)
    expect(STANDARD.coldLoad.doc).toEqual(FULL.coldLoad.doc)
    // (2)'s window holds exactly one of DiskStorage's 30 s checkpoints in both.
    expect(STANDARD.rooms.measureMs).toBe(30_000)
  })

  it('spends well under 15 minutes in fixed waits and windows, the full run about 50', () => {
    // Connecting, server starts, the idle joins and the join storms come on top (~4 minutes).
    expect(fixedSeconds(STANDARD)).toBeLessThan(11 * 60)
    expect(fixedSeconds(FULL)).toBeGreaterThan(45 * 60)
  })
})
