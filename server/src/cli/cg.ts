// `pnpm cg`: the command line for an initiative's archive and a data directory's backup
// (docs/archive.md). Paths are relative to where pnpm was run (INIT_CWD). The data directory is
// --data-dir, else DATA_DIR, else <repo>/data, as for `pnpm start`.
//   cg export <initiative> <file>              archive one initiative (server stopped; .tar, or .tar.gz/.tgz)
//   cg import <file> [--as <newId>]            recreate it here (server stopped); prints an invitation link per member
//   cg backup <dir>                            consistent copy of the whole data directory (running server or not)
//   cg restore <backupDir> <dataDir>           check a backup and copy it into a new data directory
//   cg static <initiative> <dir> [--with-agenda]  the published report card as static files (server stopped)
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { restoreBackup, takeBackup } from '../archive/backup.ts'
import { requestBackup, runningServerPid } from '../archive/backupModule.ts'
import { ArchiveError } from '../archive/format.ts'
import { exportFromDataDir, importIntoDataDir } from '../archive/offline.ts'
import { writeStaticSite } from '../archive/static/staticSite.ts'
import { lockDataDir } from '../dataDirLock.ts'
import { createConsoleLogger } from '../logger.ts'
import { DiskStorage } from '../storage/DiskStorage.ts'

const USAGE = `usage:
  pnpm cg export <initiative> <file> [--data-dir <dir>]
  pnpm cg import <file> [--as <newId>] [--url <public address>] [--invite-days <n>] [--data-dir <dir>]
  pnpm cg backup <dir> [--data-dir <dir>]
  pnpm cg restore <backupDir> <dataDir>
  pnpm cg static <initiative> <dir> [--with-agenda] [--data-dir <dir>]`

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

export async function main(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      as: { type: 'string' },
      url: { type: 'string' },
      'invite-days': { type: 'string' },
      'with-agenda': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const cwd = env.INIT_CWD ?? process.cwd()
  const resolve = (p: string) => path.resolve(cwd, p)
  const dataDir = resolve(values['data-dir'] ?? (env.DATA_DIR || path.join(REPO_ROOT, 'data')))
  const logger = createConsoleLogger((env.LOG_LEVEL as 'warn' | undefined) ?? 'warn')
  const [command, ...args] = positionals
  const need = (n: number) => {
    if (args.length !== n) throw new ArchiveError('invalid_arguments', `${command} takes ${n} argument(s).\n${USAGE}`)
  }
  if (values.help || !command) {
    print(USAGE)
    return values.help ? 0 : 2
  }
  switch (command) {
    case 'export': {
      need(2)
      const file = resolve(args[1]!)
      const { manifest } = await exportFromDataDir({ dataDir, initiativeId: args[0]!, file, logger })
      const c = manifest.counts
      print(
        `exported ${manifest.initiativeId} to ${file}: ${c.documents} documents, ${c.updates} updates, ${c.partners} partners, ${c.members} members, ${c.approvals} approvals, ${c.auditEntries} audit entries`,
      )
      return 0
    }
    case 'import': {
      need(1)
      const days = values['invite-days'] === undefined ? 30 : Number(values['invite-days'])
      if (!Number.isInteger(days) || days < 1 || days > 365)
        throw new ArchiveError('invalid_arguments', '--invite-days must be a whole number of days from 1 to 365.')
      const result = await importIntoDataDir(resolve(args[0]!), {
        dataDir,
        ...(values.as !== undefined ? { as: values.as } : {}),
        baseUrl: values.url ?? env.PUBLIC_URL ?? 'http://localhost:3000',
        inviteDays: days,
        logger,
      })
      if (result.status === 'already_imported') {
        print(`${result.initiativeId} was already imported from this archive; nothing written.`)
        return 0
      }
      print(`imported ${result.initiativeId} into ${dataDir}: ${result.documents} documents, ${result.updates} updates`)
      print(`members are re-invited (valid ${days} days); send each their link:`)
      for (const i of result.invitations) print(`  ${i.name} <${i.email}> (${i.role}${i.partnerId ? `, ${i.partnerId}` : ''}): ${i.link}`)
      return 0
    }
    case 'backup': {
      need(1)
      const target = resolve(args[0]!)
      let summary
      if (runningServerPid(dataDir) !== null) summary = await requestBackup({ dataDir, target })
      else {
        const unlock = lockDataDir(dataDir)
        const storage = new DiskStorage({ dir: path.join(dataDir, 'documents'), fsync: 'always', logger })
        try {
          summary = await takeBackup({ dataDir, storage, target, logger })
        } finally {
          await storage.close()
          unlock()
        }
      }
      print(
        `backup of ${dataDir} written to ${summary.dir}: ${summary.documents} documents, ${summary.updates} updates, ${summary.files} files, ${summary.ms} ms`,
      )
      print(`to run a server from it: pnpm cg restore ${summary.dir} <new data dir>, then DATA_DIR=<new data dir> pnpm start`)
      return 0
    }
    case 'restore': {
      need(2)
      const restored = await restoreBackup(resolve(args[0]!), resolve(args[1]!))
      print(`restored ${restored.files} files into ${restored.dataDir}; start a server on it with DATA_DIR=${restored.dataDir} pnpm start`)
      return 0
    }
    case 'static': {
      need(2)
      const site = await writeStaticSite({ dataDir, initiativeId: args[0]!, dir: resolve(args[1]!), withAgenda: values['with-agenda'] ?? false, logger })
      print(
        `wrote the static report card of ${args[0]} to ${site.dir}: ${site.indicators} indicators, ${site.files} files${site.agenda ? ', with the agenda' : ''}; open ${path.join(site.dir, 'index.html')} (Hebrew: he/index.html)`,
      )
      return 0
    }
    default:
      print(`unknown command ${JSON.stringify(command)}\n${USAGE}`)
      return 2
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const code = (error as { code?: unknown }).code
      console.error(typeof code === 'string' ? `error (${code}): ${(error as Error).message}` : error)
      process.exit(1)
    },
  )
}
