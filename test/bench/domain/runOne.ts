// Runs one domain benchmark scenario alone, without the sync benchmarks (the machine is shared:
// never the whole bench for one number). `node --import tsx bench/domain/runOne.ts activityMap [--quick]`
// from test/; prints the metrics and the scenario's rows of the results table.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DOMAIN_QUICK, DOMAIN_STANDARD } from './fixtures.ts'
import { runDomainSuite } from './run.ts'
import { domainTable } from './report.ts'
import { DOMAIN_SCENARIOS, type DomainScenarioName } from './scenarios.ts'

const name = process.argv[2] as DomainScenarioName
if (!Object.hasOwn(DOMAIN_SCENARIOS, name)) {
  console.error(`usage: runOne.ts <${Object.keys(DOMAIN_SCENARIOS).join('|')}> [--quick]`)
  process.exit(2)
}
const quick = process.argv.includes('--quick')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-one-'))
try {
  const { results, rows } = await runDomainSuite(quick ? DOMAIN_QUICK : DOMAIN_STANDARD, {
    scratch,
    log: (m) => console.log(m),
    mode: quick ? 'quick' : 'standard',
    only: [name],
  })
  console.log(JSON.stringify(results[name], null, 2))
  console.log(domainTable(rows))
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
