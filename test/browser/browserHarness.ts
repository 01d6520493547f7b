// Browser-test harness: builds the client if needed, starts the real server on a fresh data
// directory, drives Debian's Chromium, and fails a test on any console error or page error.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page, type WebSocket as PageWebSocket } from 'playwright-core'
import axe from 'axe-core'
import { createConsoleLogger, startServer, type RunningServer } from '@common-ground/server'

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist')

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Builds the client once if client/dist is missing. */
export function ensureClientBuilt(): void {
  if (existsSync(join(CLIENT_DIST, 'index.html'))) return
  // vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
  const env = { ...process.env, NODE_ENV: 'production' }
  execFileSync('pnpm', ['--filter', '@common-ground/client', 'build'], { cwd: REPO_ROOT, stdio: 'inherit', env })
}

export interface Person {
  name: string
  color: string
  /** The browser's language (navigator.language); the app defaults to it. */
  language?: 'en' | 'he' | 'ar'
  /** Sign the context in as this account before opening the page. */
  email?: string
  password?: string
}

export interface OpenedPage {
  context: BrowserContext
  page: Page
  /** Every /sync/ WebSocket the page has opened, in order. */
  syncSockets: PageWebSocket[]
}

export class BrowserHarness {
  /** Console errors and page errors of every page opened through this harness. */
  readonly errors: string[] = []
  private readonly contexts: BrowserContext[] = []

  private constructor(
    readonly server: RunningServer,
    readonly browser: Browser,
    private readonly dataDir: string,
  ) {}

  static async start(options: { seedDemo?: boolean } = {}): Promise<BrowserHarness> {
    ensureClientBuilt()
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-browser-'))
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      staticDir: CLIENT_DIST,
      seedDemo: options.seedDemo ?? false,
      logger: createConsoleLogger('warn'),
    })
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
    return new BrowserHarness(server, browser, dataDir)
  }

  get url(): string {
    return this.server.url
  }

  /**
   * A new browser context (its own storage, like another person's browser) with one page;
   * signed in as `person.email` (a demo account, or one made with signUpContext) if given.
   */
  async open(person: Person, path = '/'): Promise<OpenedPage> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: person.language === 'he' ? 'he-IL' : person.language === 'ar' ? 'ar-IL' : 'en-US',
    })
    this.contexts.push(context)
    // Preset the identity unless the page has changed it since. The language is not preset:
    // the app takes it from the browser's (navigator.language, set by `locale`).
    await context.addInitScript(
      ({ name, color }) => {
        if (!localStorage.getItem('cg.identity')) localStorage.setItem('cg.identity', JSON.stringify({ name, color }))
      },
      { name: person.name, color: person.color },
    )
    if (person.email) await signInContext(context, this.url, person.email, person.password)
    const page = await context.newPage()
    this.watch(page, person.name)
    const syncSockets: PageWebSocket[] = []
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).pathname.startsWith('/sync/')) syncSockets.push(socket)
    })
    await page.goto(this.url + path)
    return { context, page, syncSockets }
  }

  private watch(page: Page, who: string): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      // Chromium logs every 4xx answer to fetch() as a console error. The app's API calls
      // answer 401/403/404/409/410 as part of normal use (signed out, a refused action, an
      // expired invitation) and show them as UI states, so those are not failures; any other
      // console error is (5xx, a failed script, a WebSocket error, a React warning).
      if (isHandledApiRefusal(message.text(), message.location().url)) return
      this.errors.push(`[${who}] console error: ${message.text()}`)
    })
    page.on('pageerror', (error) => this.errors.push(`[${who}] page error: ${error.message}`))
  }

  /** Returns and clears the errors collected so far. */
  takeErrors(): string[] {
    return this.errors.splice(0)
  }

  async closeContexts(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((context) => context.close().catch(() => {})))
  }

  async close(): Promise<void> {
    await this.closeContexts()
    await this.browser.close().catch(() => {})
    await this.server.close().catch(() => {})
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}

function isHandledApiRefusal(text: string, url: string): boolean {
  if (!/^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text)) return false
  try {
    return new URL(url).pathname.startsWith('/api/')
  } catch {
    return false
  }
}

/** The demo accounts `seedDemo: true` creates (server/src/demo), all with DEMO_PASSWORD. */
export const DEMO = {
  backbone: { email: 'backbone@demo.local', name: 'Noa Levi' },
  partner: { email: 'partner@demo.local', name: 'Yossi Ben-David', partnerId: 'municipality' },
  participant: { email: 'participant@demo.local', name: 'Miriam Azoulay' },
} as const
export const DEMO_PASSWORD = 'demo-password'
export const DEMO_INITIATIVE = 'beer-sheva-c2c'
export const DEMO_AGENDA = `i/${DEMO_INITIATIVE}/agenda`

/**
 * Signs a browser context in through the HTTP API (the context's request client shares its
 * cookies), so its pages are signed in. For signing in through the UI see roles.test.ts.
 */
export async function signInContext(context: BrowserContext, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { email, password },
    headers: { origin: baseUrl },
  })
  if (!response.ok()) throw new Error(`sign-in of ${email} failed: ${response.status()} ${await response.text()}`)
}

/** Creates an account through the API and signs the context in as it. */
export async function signUpContext(context: BrowserContext, baseUrl: string, account: { email: string; name: string; password?: string }): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/auth/signup`, {
    data: { email: account.email, name: account.name, password: account.password ?? DEMO_PASSWORD },
    headers: { origin: baseUrl },
  })
  if (!response.ok()) throw new Error(`sign-up of ${account.email} failed: ${response.status()} ${await response.text()}`)
}

/** A JSON API call made as the context's signed-in person (with its CSRF token). */
export async function apiAs<T>(context: BrowserContext, baseUrl: string, method: string, path: string, data?: unknown): Promise<T> {
  const me = await context.request.get(`${baseUrl}/api/me`)
  const csrf = me.ok() ? ((await me.json()) as { csrfToken: string | null }).csrfToken : null
  const response = await context.request.fetch(`${baseUrl}${path}`, {
    method,
    data,
    headers: { origin: baseUrl, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  })
  if (!response.ok()) throw new Error(`${method} ${path} failed: ${response.status()} ${await response.text()}`)
  return (response.status() === 204 ? undefined : await response.json()) as T
}

/** Navigates an open page to a document and waits until it is connected. */
export async function openDocument(opened: OpenedPage, name: string): Promise<void> {
  await opened.page.goto(`${new URL(opened.page.url()).origin}/d/${name}`)
  await waitConnected(opened.page)
}

/** Waits until the document page is connected and synced. */
export async function waitConnected(page: Page): Promise<void> {
  await page.waitForSelector('.connection-status[data-state="connected"]')
  await page.waitForSelector('.editor__content')
}

/** Clicks into the editor and puts the caret at the very end. */
export async function focusEditorEnd(page: Page): Promise<void> {
  await page.click('.editor__content')
  await page.keyboard.press('Control+End')
}

export function editorText(page: Page): Promise<string> {
  return page.$eval('.editor__content', (element) => element.textContent ?? '')
}

export async function waitForEditorText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('.editor__content')?.textContent?.includes(expected), text)
}

/** Polls until `check` holds (for state outside the page, e.g. Playwright's socket objects). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** Runs axe-core on the page; returns the violations of impact serious or critical. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window)
  if (!hasAxe) await page.addScriptTag({ content: axe.source })
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(
      document,
      {
        resultTypes: ['violations'],
      },
    )
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`)
}
