// Meetings: the series' cadence, the meeting document's blocks (agenda items, decisions, action
// items), their derivation and the carry-over from one meeting to the next.
export * from './series.ts'
export * from './blocks.ts'
export * from './derive.ts'
