// Named transaction origins, so persistence, history and undo can tell changes apart.

/** A change applied while loading a document from storage. */
export const ORIGIN_LOAD = 'cg:load'
/** Content written by the server's demo seed. */
export const ORIGIN_SEED = 'cg:seed'
/** A version restored from history. */
export const ORIGIN_RESTORE = 'cg:restore'
