// Shared measurement: indicator definitions, reporting periods, the report card's arithmetic.
export * from './periods.ts'
export * from './definition.ts'
export * from './status.ts'
