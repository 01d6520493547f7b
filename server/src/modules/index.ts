// The built-in server modules, in mounting order; startServer appends the ones passed in
// StartOptions.modules after them.
import { archiveModule } from '../archive/archiveModule.ts'
import { backupModule } from '../archive/backupModule.ts'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import { activitiesModule } from './activities/index.ts'
import { agendaModule } from './agenda/index.ts'
import { directoryModule } from './directory/index.ts'
import { historyModule } from './history/index.ts'
import { measurementModule } from './measurement/index.ts'
import { meetingsModule } from './meetings/index.ts'
import { metadataModule } from './metadata/index.ts'
import type { ServerModule } from './ServerModule.ts'

export type { ModuleContext, ModuleRoute, ReadModel, ServerModule } from './ServerModule.ts'

export function builtinModules(deps: { metadata: MetadataStore }): ServerModule[] {
  return [
    directoryModule,
    metadataModule(deps.metadata),
    agendaModule,
    measurementModule(),
    activitiesModule(),
    meetingsModule(),
    historyModule(),
    backupModule(),
    archiveModule,
  ]
}
