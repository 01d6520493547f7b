// Entry point: styles, i18n, the service worker, the background sync of closed documents' edits, and the React root.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './design/tokens.css'
import './design/base.css'
import './design/components.css'
import './layout/layout.css'
import './screens/screens.css'
import './editor/editor.css'
import './i18n/index.ts'
import { App } from './App.tsx'
import { registerServiceWorker } from './offline/registerServiceWorker.ts'
import { startBackgroundSync } from './offline/backgroundSync.ts'

registerServiceWorker()
startBackgroundSync()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
