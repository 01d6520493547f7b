// The application shell: header, one <main> landmark, and the screen for the current route.
import { Suspense, lazy, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Loading } from './design/index.ts'
import { AppHeader } from './layout/AppHeader.tsx'
import { usePath, parseRoute } from './router/router.ts'
import { HomeScreen } from './screens/home/HomeScreen.tsx'

// The editor (TipTap, ProseMirror, Yjs) is most of the code: load it with the first document.
const DocumentScreen = lazy(() => import('./screens/document/DocumentScreen.tsx').then((m) => ({ default: m.DocumentScreen })))
import { NotFoundScreen } from './screens/NotFoundScreen.tsx'

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
        {route.name === 'home' && <HomeScreen />}
        {route.name === 'document' && (
          <Suspense fallback={<Loading label={t('document.loading')} />}>
            <DocumentScreen key={route.documentName} documentName={route.documentName} />
          </Suspense>
        )}
        {route.name === 'notFound' && <NotFoundScreen />}
      </main>
    </>
  )
}
