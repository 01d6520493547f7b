// The application header: skip link, brand (home), navigation, language switch, the person,
// and the offline notices (stale answers, edits not yet on the server).
import { useTranslation } from 'react-i18next'
import { Link } from '../router/Link.tsx'
import { usePath } from '../router/router.ts'
import { useSession } from '../session/sessionStore.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { IdentityMenu } from './IdentityMenu.tsx'
import { OfflineStatus } from '../offline/OfflineStatus.tsx'

export function AppHeader() {
  const { t } = useTranslation()
  const path = usePath()
  const session = useSession()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('header.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link href="/" className="brand">
            <img src="/favicon.svg" alt="" width="24" height="24" className="brand__mark" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          {session.status === 'signedIn' && (
            <nav className="app-nav" aria-label={t('header.navigation')}>
              <Link href="/" className="app-nav__link" aria-current={path === '/' ? 'page' : undefined}>
                {t('header.initiatives')}
              </Link>
            </nav>
          )}
          <div className="app-header__end">
            <LanguageSwitch />
            <IdentityMenu />
          </div>
        </div>
        <OfflineStatus />
      </header>
    </>
  )
}
