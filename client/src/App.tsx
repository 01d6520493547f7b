// The application shell: header, one <main> landmark, and the screen for the current route.
// Screens that need an account wait for the session and send signed-out people to sign in.
import { Suspense, lazy, useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, ErrorState, Loading } from './design/index.ts'
import { AppHeader } from './layout/AppHeader.tsx'
import { navigate, parseRoute, signInPath, useLocation, usePath, type Route } from './router/router.ts'
import { refreshSession, useSession } from './session/sessionStore.ts'
import { errorMessage } from './api/errorMessage.ts'
import { SignInScreen, SignUpScreen } from './screens/auth/AuthScreens.tsx'
import { InitiativesScreen } from './screens/initiatives/InitiativesScreen.tsx'
import { TokensScreen } from './screens/account/TokensScreen.tsx'
import { AccountScreen } from './screens/account/AccountScreen.tsx'
import { ResetPasswordScreen } from './screens/account/ResetPasswordScreen.tsx'
import { InviteScreen } from './screens/invite/InviteScreen.tsx'
import { NotFoundScreen } from './screens/NotFoundScreen.tsx'

// The editor (TipTap, ProseMirror, Yjs) is most of the code: load it with the first document.
const DocumentScreen = lazy(() => import('./screens/document/DocumentScreen.tsx').then((m) => ({ default: m.DocumentScreen })))
const InitiativeScreen = lazy(() => import('./screens/initiative/InitiativeScreen.tsx').then((m) => ({ default: m.InitiativeScreen })))
const PublicScreen = lazy(() => import('./screens/public/PublicScreen.tsx').then((m) => ({ default: m.PublicScreen })))
const PublicReportCard = lazy(() => import('./screens/public/PublicReportCard.tsx').then((m) => ({ default: m.PublicReportCard })))

export function App() {
  const { t } = useTranslation()
  const path = usePath()
  const route = parseRoute(path)
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)

  // After client-side navigation, move focus to the new screen's heading (screen readers
  // announce it); on first load leave focus where the browser put it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    mainRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    window.scrollTo(0, 0)
  }, [path])

  return (
    <>
      <AppHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </>
  )
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <SignedIn fallback={<SignInScreen embedded welcome />}>{<InitiativesScreen />}</SignedIn>
    case 'signin':
      return <SignInScreen />
    case 'signup':
      return <SignUpScreen />
    case 'tokens':
      return <SignedIn>{<TokensScreen />}</SignedIn>
    case 'account':
      return <SignedIn>{<AccountScreen />}</SignedIn>
    case 'reset':
      return (
        <SessionKnown>
          <ResetPasswordScreen key={route.token} token={route.token} />
        </SessionKnown>
      )
    case 'invite':
      return (
        <SessionKnown>
          <InviteScreen key={route.token} token={route.token} />
        </SessionKnown>
      )
    case 'public':
      return (
        <SessionKnown>
          <PublicScreen key={route.initiativeId} initiativeId={route.initiativeId} />
        </SessionKnown>
      )
    case 'publicReportCard':
      return (
        <SessionKnown>
          <PublicReportCard key={route.initiativeId} initiativeId={route.initiativeId} />
        </SessionKnown>
      )
    case 'initiative':
      return (
        <SignedIn>
          <InitiativeScreen key={route.initiativeId} initiativeId={route.initiativeId} section={route.section} itemId={route.itemId} />
        </SignedIn>
      )
    case 'document':
      return (
        <SessionKnown>
          <DocumentScreen key={route.documentName} documentName={route.documentName} />
        </SessionKnown>
      )
    case 'notFound':
      return <NotFoundScreen />
  }
}

/** Renders children once we know whether someone is signed in (either way). */
function SessionKnown({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const session = useSession()
  if (session.status === 'loading') return <Loading label={t('common.loading')} />
  if (session.status === 'error') return <SessionError error={session.error} />
  return <>{children}</>
}

/** Renders children for a signed-in person; otherwise `fallback`, or a redirect to sign-in. */
function SignedIn({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  const { t } = useTranslation()
  const session = useSession()
  const location = useLocation()
  const redirect = session.status === 'signedOut' && !fallback
  useEffect(() => {
    if (redirect) navigate(signInPath(location), { replace: true })
  }, [redirect, location])
  if (session.status === 'loading') return <Loading label={t('common.loading')} />
  if (session.status === 'error') return <SessionError error={session.error} />
  if (session.status === 'signedOut') return fallback ? <>{fallback}</> : <Loading label={t('common.loading')} />
  return <>{children}</>
}

function SessionError({ error }: { error: unknown }) {
  const { t } = useTranslation()
  return (
    <div className="page">
      <h1 className="sr-only" tabIndex={-1} data-autofocus>
        {t('session.errorTitle')}
      </h1>
      <ErrorState
        title={t('session.errorTitle')}
        description={errorMessage(t, error)}
        action={<Button onClick={() => void refreshSession()}>{t('common.retry')}</Button>}
      />
    </div>
  )
}
