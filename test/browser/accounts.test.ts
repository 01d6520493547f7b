// The account a person manages themselves, in Chromium on the built client: the name and the
// password (their other browser is signed out, this one stays), a password reset link issued by
// backbone staff on the members screen and used in another browser, signing out of every
// session, and deleting the account in Hebrew — the last backbone member is refused, and the
// deleted person's entries read "Former member" in the audit log. axe on the new screens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { apiAs, BrowserHarness, eventually, seriousAxeViolations, signInContext, signUpContext, waitConnected, type OpenedPage } from './browserHarness.ts'

let harness: BrowserHarness
let backbone: OpenedPage
let initiativeId: string
let agenda: string
const PASSWORD = 'first-long-password'
let counter = 0

beforeAll(async () => {
  harness = await BrowserHarness.start()
  backbone = await harness.open({ name: 'Dana', color: '#0e7090', language: 'en' }, '/')
  await signUpContext(backbone.context, harness.url, { email: 'dana@accounts.test', name: 'Dana Backbone', password: PASSWORD })
  const created = await apiAs<{ initiative: { id: string; documents: { kind: string; name: string }[] } }>(
    backbone.context,
    harness.url,
    'POST',
    '/api/initiatives',
    { name: 'Accounts initiative', languages: ['en', 'he'] },
  )
  initiativeId = created.initiative.id
  agenda = created.initiative.documents.find((d) => d.kind === 'agenda')!.name
})

afterEach(async () => {
  expect(harness.takeErrors()).toEqual([])
})

afterAll(async () => {
  await harness?.close()
})

/** A new member of the initiative (participant), signed in in a browser of their own. */
async function newMember(name: string, language: 'en' | 'he' | 'ar' = 'en', path = '/'): Promise<OpenedPage & { email: string }> {
  const email = `member${++counter}@accounts.test`
  const invitation = await apiAs<{ token: string }>(backbone.context, harness.url, 'POST', `/api/initiatives/${initiativeId}/invitations`, {
    role: 'participant',
  })
  const opened = await harness.open({ name, color: '#b54708', language })
  await signUpContext(opened.context, harness.url, { email, name, password: PASSWORD })
  await apiAs(opened.context, harness.url, 'POST', `/api/invitations/${invitation.token}/accept`)
  await opened.page.goto(harness.url + path)
  return { ...opened, email }
}

async function meStatus(context: BrowserContext): Promise<number> {
  return (await context.request.get(`${harness.url}/api/me`)).status()
}

async function confirm(page: Page, form: string): Promise<void> {
  await page.click(`[data-form="${form}"] [data-action="confirm-start"]`)
  await page.click(`[data-form="${form}"] [data-action="confirm"]`)
}

describe('the account screen', () => {
  it('changes the name and the password; the other browser of the person is signed out, this one stays', async () => {
    const person = await newMember('Ori Member', 'en', '/account')
    const { page } = person
    await page.waitForSelector('h1:text-is("Your account")')
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.fill('[data-form="name"] input[name="name"]', 'Ori Shalev')
    await page.click('[data-form="name"] button[type="submit"]')
    await page.waitForSelector('.notice--success:text-is("Your name was saved.")')
    await page.waitForSelector('.identity__name:text-is("Ori Shalev")')

    // The same person in another browser, live on the agenda.
    const laptop = await harness.open({ name: 'Ori laptop', color: '#027a48', language: 'en' })
    await signInContext(laptop.context, harness.url, person.email, PASSWORD)
    await laptop.page.goto(`${harness.url}/d/${agenda}`)
    await waitConnected(laptop.page)

    const form = '[data-form="password"]'
    await page.fill(`${form} input[name="current-password"]`, 'not-my-password')
    await page.fill(`${form} input[name="new-password"]`, 'short')
    await page.click(`${form} button[type="submit"]`)
    await page.waitForSelector(`${form} .field__error:text-is("Use at least 8 characters.")`)
    await page.fill(`${form} input[name="new-password"]`, 'second-long-password')
    await page.click(`${form} button[type="submit"]`)
    await page.waitForSelector(`${form} .field__error:text-is("That is not your current password.")`)
    await page.fill(`${form} input[name="current-password"]`, PASSWORD)
    await page.click(`${form} button[type="submit"]`)
    await page.waitForSelector('.notice--success:has-text("Your password was changed.")')

    await eventually(() => laptop.syncSockets.length > 0 && laptop.syncSockets.every((s) => s.isClosed()), 'the laptop’s socket to be closed')
    expect(await meStatus(laptop.context)).toBe(401)
    expect(await meStatus(person.context)).toBe(200)
    await page.reload()
    await page.waitForSelector('.identity__name:text-is("Ori Shalev")')
  })

  it('signs out of every session: this browser goes to sign-in, the other one is signed out too', async () => {
    const person = await newMember('Tamar Member', 'en', '/account')
    const phone = await harness.open({ name: 'Tamar phone', color: '#027a48', language: 'en' })
    await signInContext(phone.context, harness.url, person.email, PASSWORD)
    expect(await meStatus(phone.context)).toBe(200)
    await person.page.waitForSelector('h1:text-is("Your account")')
    await confirm(person.page, 'sessions')
    await person.page.waitForURL(/\/signin$/)
    await person.page.waitForSelector('h1:text-is("Sign in")')
    expect(await meStatus(person.context)).toBe(401)
    expect(await meStatus(phone.context)).toBe(401)
  })
})

describe('password reset links', () => {
  it('backbone staff issue a link on the members screen; the person sets a new password in another browser and is signed in', async () => {
    const person = await newMember('Yael Forgetful')
    const { page } = backbone
    await page.goto(`${harness.url}/i/${initiativeId}/members`)
    const row = `tr[data-member="${person.email}"]`
    await page.click(`${row} [data-action="password-reset"]`)
    await page.waitForSelector('[data-reset-link] .notice--success:has-text("A password reset link for Yael Forgetful is ready.")')
    const link = await page.inputValue('[data-reset-link] input')
    expect(link).toMatch(new RegExp(`^${harness.url}/reset/[A-Za-z0-9_-]{20,}$`))
    expect(await seriousAxeViolations(page)).toEqual([])

    // Yael on a borrowed computer, signed out.
    const borrowed = await harness.open({ name: 'Yael', color: '#6941c6', language: 'en' })
    await borrowed.page.goto(link)
    await borrowed.page.waitForSelector('h1:text-is("Set a new password")')
    await borrowed.page.waitForSelector(`text=${person.email}`)
    expect(await seriousAxeViolations(borrowed.page)).toEqual([])
    await borrowed.page.fill('[data-form="reset"] input[name="new-password"]', 'brand-new-password')
    await borrowed.page.click('[data-form="reset"] button[type="submit"]')
    await borrowed.page.waitForSelector('.identity__name:text-is("Yael Forgetful")')
    await borrowed.page.waitForSelector('text=Accounts initiative')
    expect(await meStatus(person.context)).toBe(401)

    // Used once: the link now says so.
    const again = await harness.open({ name: 'Someone', color: '#6941c6', language: 'en' }, new URL(link).pathname)
    await again.page.waitForSelector('text=This password reset link was already used')

    await page.goto(`${harness.url}/i/${initiativeId}/audit`)
    await page.waitForSelector('tr[data-action="auth.password_reset_used"]:has-text("Password reset with a link")')
    await page.waitForSelector('tr[data-action="auth.password_reset_issued"]:has-text("Password reset link issued")')
  })
})

describe('deleting one’s account', () => {
  it('in Hebrew: the person deletes their account with the password; their entries read "Former member"', async () => {
    const person = await newMember('Rina Leaving', 'he', '/account')
    const { page } = person
    await page.waitForSelector('h1:text-is("החשבון שלך")')
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.fill('[data-form="delete"] input[name="delete-password"]', 'wrong-password')
    await confirm(page, 'delete')
    await page.waitForSelector('[data-form="delete"] .field__error:text-is("זו אינה הסיסמה הנוכחית שלך.")')
    await page.fill('[data-form="delete"] input[name="delete-password"]', PASSWORD)
    await confirm(page, 'delete')
    await page.waitForURL(`${harness.url}/`)
    await page.waitForSelector('form[aria-label]  input[type="email"]')
    expect(await meStatus(person.context)).toBe(401)

    const { page: staff } = backbone
    await staff.goto(`${harness.url}/i/${initiativeId}/audit`)
    const deleted = 'tr[data-action="auth.account_deleted"]'
    await staff.waitForSelector(`${deleted}:has-text("Account deleted")`)
    expect(await staff.textContent(`${deleted} td:nth-child(3)`)).toContain('Former member')
    await staff.waitForSelector('tr[data-action="invitation.accepted"]:has-text("Former member")')
    await staff.goto(`${harness.url}/i/${initiativeId}/members`)
    await staff.waitForSelector('tr[data-member]')
    expect(await staff.$$eval('tr[data-member]', (rows) => rows.map((r) => r.getAttribute('data-member')))).not.toContain(person.email)
  })

  it('the last backbone member is refused, in words', async () => {
    const { page } = backbone
    await page.goto(`${harness.url}/account`)
    await page.fill('[data-form="delete"] input[name="delete-password"]', PASSWORD)
    await confirm(page, 'delete')
    await page.waitForSelector('[data-form="delete"] .notice--error:has-text("You are the only backbone staff member of an initiative.")')
    expect(await meStatus(backbone.context)).toBe(200)
  })
})
