// Who is here: an avatar and name for everyone connected to this document, you first.
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../design/index.ts'
import type { Peer } from '../../sync/presence.ts'

export function PresenceBar({ peers }: { peers: Peer[] }) {
  const { t } = useTranslation()
  return (
    <section className="presence" aria-label={t('presence.label')}>
      <h2 className="sr-only">{t('presence.label')}</h2>
      <ul className="presence__list">
        {peers.map((peer) => (
          <li key={peer.clientId} className="presence__person" data-self={peer.self || undefined}>
            <Avatar name={peer.name} color={peer.color} size="sm" ring />
            <span className="presence__name" dir="auto">
              {peer.name}
            </span>
            {peer.self && <span className="presence__you">{t('presence.you')}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
