// The meeting store on disk: records survive a reopen (the latest line of an id wins), a torn last
// line (a crash mid-write) is skipped and the next write starts on a new line, and changes run one
// after the other (two "create if missing" at once create once).
import { appendFile, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MeetingRecord } from '@common-ground/domain'
import { MeetingStore } from './MeetingStore.ts'

const meeting = (id: string, title: string, start = '2026-03-12T15:00:00.000Z'): MeetingRecord => ({
  id,
  initiativeId: 'init1',
  seriesId: null,
  seriesDate: null,
  title,
  date: '2026-03-12',
  time: '17:00',
  timeZone: 'Asia/Jerusalem',
  durationMinutes: 90,
  start,
  end: '2026-03-12T16:30:00.000Z',
  status: 'scheduled',
  documentName: `i/init1/meetings/${id}`,
  createdAt: '2026-03-01T00:00:00.000Z',
  createdBy: null,
  updatedAt: '2026-03-01T00:00:00.000Z',
})

describe('MeetingStore', () => {
  it('keeps the latest record of each id across a reopen and a torn last line', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'cg-meetings-')), 'meetings.jsonl')
    const store = await MeetingStore.open(file)
    await store.putMeeting(meeting('m1', 'First'))
    await store.putMeeting(meeting('m2', 'Second', '2026-03-26T15:00:00.000Z'))
    await store.putMeeting(meeting('m1', 'First, renamed'))
    await store.close()
    await appendFile(file, '{"type":"meeting","record":{"id":"m3"')
    const reopened = await MeetingStore.open(file)
    expect(reopened.meetingsOf('init1').map((m) => [m.id, m.title])).toEqual([
      ['m1', 'First, renamed'],
      ['m2', 'Second'],
    ])
    await reopened.putMeeting(meeting('m4', 'After the tear', '2026-04-09T14:00:00.000Z'))
    await reopened.close()
    const lines = (await readFile(file, 'utf8')).split('\n')
    expect(lines.at(-2)).toContain('"m4"')
    expect((await MeetingStore.open(file)).meetingsOf('init1').map((m) => m.id)).toEqual(['m1', 'm2', 'm4'])
  })

  it('runs changes one after the other: two "create if missing" at once create once', async () => {
    const store = await MeetingStore.open(path.join(await mkdtemp(path.join(tmpdir(), 'cg-meetings-')), 'meetings.jsonl'))
    const createOnce = () =>
      store.change(async () => {
        if (store.getMeeting('init1', 'm1')) return false
        await store.putMeeting(meeting('m1', 'Once'))
        return true
      })
    expect((await Promise.all([createOnce(), createOnce(), createOnce()])).filter(Boolean)).toHaveLength(1)
    await store.close()
  })
})
