// Runs the domain benchmarks (scenarios.ts) one after another for `pnpm bench` (run.ts calls it
// after the sync scenarios, or alone with --only=domain): a failed scenario is recorded in its
// place and the others still run. Returns the raw metrics and the markdown section.
import { DOMAIN_SCENARIOS, type DomainScenarioName } from './scenarios.ts'
import { domainRows, domainSection, type DomainResults, type DomainRow } from './report.ts'
import type { DomainParams } from './fixtures.ts'

export async function runDomainSuite(
  params: DomainParams,
  options: { scratch: string; log: (message: string) => void; mode: string; only?: readonly DomainScenarioName[] },
): Promise<{ results: DomainResults; rows: DomainRow[]; markdown: string }> {
  const results: DomainResults = {}
  const names = options.only ?? (Object.keys(DOMAIN_SCENARIOS) as DomainScenarioName[])
  for (const name of names) {
    const def = DOMAIN_SCENARIOS[name]
    options.log(`domain (${def.id}) ${def.title}`)
    const t0 = Date.now()
    try {
      results[name] = await def.run({ params, scratch: options.scratch, log: options.log })
      options.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      options.log(`  FAILED: ${message}`)
      results[name] = { error: message }
    }
  }
  return { results, rows: domainRows(results, params), markdown: domainSection(results, params, options.mode) }
}
