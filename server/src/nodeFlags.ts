// The flags `pnpm start` runs the server's Node with (server/package.json "start" must say the
// same; nodeFlags.test.ts checks it). The benchmark starts ours with them too, as the product runs.
//
// --max-semi-space-size=4: caps each of V8's two young-generation halves at 4 MB (the default
// grows them to 16 MB). A server that keeps every document in memory promotes much of what it
// allocates, and a scavenge's pause grows with what survives it: with 100 rooms typing (bench
// scenario 2) the default gave pauses of p50 4–5 ms and up to 15.5 ms, the cap p50 ~2 ms and
// up to ~9.6 ms, at the same CPU per edit and ~22 MB less RSS (docs/performance.md).
export const START_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4']
