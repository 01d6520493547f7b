// `pnpm bench`'s command line: which parameters (standard, --full, --quick), scenarios and
// servers a run uses, and which results files it writes. Options: run.ts's header.
import { FULL, QUICK, STANDARD } from './config.ts'
import { DOMAIN_QUICK, DOMAIN_STANDARD } from './domain/fixtures.ts'
import type { ServerKind } from './lib/proc.ts'
import { SERVER_ORDER } from './report.ts'
import { SCENARIOS, type ScenarioName } from './scenarios.ts'

export function parseArgs(argv: string[]) {
  const args = new Map<string, string>()
  for (const arg of argv) {
    if (arg === '--') continue
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!match) throw new Error(`unknown argument ${arg}`)
    args.set(match[1]!, match[2] ?? 'true')
  }
  const known = new Set(['full', 'quick', 'only', 'servers', 'readers', 'window', 'profile', 'stalls', 'help'])
  for (const key of args.keys()) if (!known.has(key)) throw new Error(`unknown option --${key}`)
  /** The picked items, in the order given (for --servers: the first round's order). */
  const list = <T extends string>(key: string, all: readonly T[]): T[] => {
    const raw = args.get(key)
    if (!raw) return [...all]
    const picked = [...new Set(raw.split(',').map((s) => s.trim()))] as T[]
    for (const p of picked) if (!all.includes(p)) throw new Error(`--${key}: unknown ${p} (known: ${all.join(', ')})`)
    return picked
  }
  // `--only` names sync scenarios, `domain` (the domain benchmarks, domain/), which run after them,
  // and `archive` (the domain benchmark (D6) alone: the initiative archive).
  const only = list('only', [...(Object.keys(SCENARIOS) as ScenarioName[]), 'domain' as const, 'archive' as const, 'history' as const])
  const scenarios = only.filter((s): s is ScenarioName => s !== 'domain' && s !== 'archive' && s !== 'history')
  const servers = list('servers', SERVER_ORDER)
  const profile = args.get('profile')?.split(':') as [ServerKind, ScenarioName] | undefined
  if (args.has('full') && args.has('quick')) throw new Error('--full and --quick: pick one')
  let params = args.has('quick') ? QUICK : args.has('full') ? FULL : STANDARD
  const readers = args.get('readers')
  if (readers) {
    const counts = readers.split(',').map(Number)
    if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--readers: expected positive integers, got ${readers}`)
    params = { ...params, fanout: { ...params.fanout, readers: counts } }
  }
  const window = args.get('window')
  if (window) {
    const seconds = Number(window)
    if (!(seconds >= 1 && seconds <= 600)) throw new Error(`--window: expected seconds between 1 and 600, got ${window}`)
    params = { ...params, fanout: { ...params.fanout, measureMs: seconds * 1000, measureMsByReaders: {} } }
  }
  return {
    help: args.has('help'),
    params,
    scenarios,
    /** Whether the domain benchmarks run (with --quick: their small sizes; --full runs the standard ones). */
    domain: only.includes('domain') || only.includes('archive') || only.includes('history'),
    /** The domain scenarios to run: all of them, or with `--only=archive` / `--only=history` (and not `domain`) those. */
    domainOnly: only.includes('domain')
      ? undefined
      : (['archive', 'history'] as const).filter((s) => only.includes(s)).length > 0
        ? (['archive', 'history'] as const).filter((s) => only.includes(s))
        : undefined,
    domainParams: args.has('quick') ? DOMAIN_QUICK : DOMAIN_STANDARD,
    servers,
    profile,
    stalls: args.has('stalls'),
    /** A smoke run or a limited one never overwrites a whole run's files, nor a full run a standard one's. */
    resultsName: args.has('quick')
      ? 'quick'
      : args.has('only') || args.has('servers') || args.has('readers') || args.has('window')
        ? 'partial'
        : args.has('full')
          ? 'full'
          : 'latest',
  }
}
