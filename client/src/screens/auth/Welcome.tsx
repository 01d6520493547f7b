// The signed-out home's welcome: what Common Ground is and does, in the reader's language, and
// links to the public pages of the initiatives that published something (/p/<id>).
import { useTranslation } from 'react-i18next'
import { getPublicInitiatives } from '../../api/endpoints.ts'
import { useResource } from '../../api/useResource.ts'
import { Link } from '../../router/Link.tsx'
import { publicPath } from '../../router/routes.ts'

export function Welcome() {
  const { t } = useTranslation()
  const { state } = useResource((signal) => getPublicInitiatives(signal).then((a) => a.initiatives), [])
  return (
    <section className="welcome stack" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading" className="section-title">
        {t('newcomer.welcome.title')}
      </h2>
      <p>{t('newcomer.welcome.what')}</p>
      <p className="muted">{t('newcomer.welcome.how')}</p>
      {state.status === 'ready' && state.data.length > 0 && (
        <nav aria-label={t('newcomer.welcome.publicTitle')} className="welcome__public">
          <h3 className="welcome__public-title">{t('newcomer.welcome.publicTitle')}</h3>
          <ul className="welcome__list">
            {state.data.map((initiative) => (
              <li key={initiative.id}>
                <Link href={publicPath(initiative.id)} dir="auto">
                  {initiative.name}
                </Link>
                {initiative.geography && (
                  <span className="muted" dir="auto">
                    {' '}
                    · {initiative.geography}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </section>
  )
}
