// Document history: versions (grouping of attributed updates), compare (text and structured), restore.
export * from './versions.ts'
export * from './textDiff.ts'
export * from './structuredDiff.ts'
export * from './restore.ts'
