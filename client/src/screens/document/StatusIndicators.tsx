// Connection status (connected / connecting / offline) and save status pills, announced politely.
import { useTranslation } from 'react-i18next'
import { StatusPill, type Tone } from '../../design/index.ts'
import type { ConnectionStatus, DocumentSaveStatus } from '../../sync/DocumentSession.ts'

const CONNECTION_TONE: Record<ConnectionStatus, Tone> = {
  connected: 'success',
  connecting: 'warning',
  offline: 'neutral',
  error: 'danger',
}

const SAVE_TONE: Record<DocumentSaveStatus, Tone> = { saved: 'success', saving: 'accent', unsaved: 'warning', readOnly: 'danger' }

/** The save pill shows when `showSave`, and always when the server refused our writes (read-only). */
export function StatusIndicators({ connection, save, showSave = true }: { connection: ConnectionStatus; save: DocumentSaveStatus; showSave?: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="status-indicators">
      <div role="status" className="status-indicators__item">
        <StatusPill
          tone={CONNECTION_TONE[connection]}
          pulse={connection === 'connecting'}
          className="connection-status"
          data-state={connection}
          title={t(`connection.${connection}Hint`)}
        >
          {t(`connection.${connection}`)}
        </StatusPill>
      </div>
      {(showSave || save === 'readOnly') && (
        <div role="status" className="status-indicators__item">
          <StatusPill tone={SAVE_TONE[save]} pulse={save === 'saving'} className="save-status" data-state={save}>
            {save === 'readOnly' ? t('newcomer.save.readOnly') : t(`save.${save}`)}
          </StatusPill>
        </div>
      )}
    </div>
  )
}
