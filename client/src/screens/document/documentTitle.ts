// What a document page calls its document: the document's name (the agenda, a partner's name,
// the measurement sheet) and its initiative's, never the raw document id of an initiative document.
import type { DocumentRef } from '@common-ground/domain'

type T = (key: string, options?: Record<string, unknown>) => string

export interface DocumentTitle {
  /** The page's heading: the document's own name. */
  heading: string
  /** document.title: the heading and the initiative's name. */
  page: string
  /** The breadcrumb's link to the initiative: its name, or (not loaded yet) "Initiative". */
  initiative: string | null
}

/**
 * `ref` null: a document outside any initiative (a free name such as `demo/agenda`), shown by
 * its name. Names not known yet (loading, offline) fall back to what the kind is called.
 */
export function documentTitle(
  t: T,
  documentName: string,
  ref: DocumentRef | null,
  names: { initiative?: string | null; partner?: string | null },
): DocumentTitle {
  if (!ref) return { heading: documentName, page: documentName, initiative: null }
  let heading: string
  if (ref.kind === 'agenda') heading = t('sections.home')
  else if (ref.kind === 'partner') heading = names.partner || t('newcomer.document.partnerPage')
  else if (ref.kind === 'measurements') heading = t('newcomer.document.measurements')
  else heading = t('newcomer.document.generic')
  const initiative = names.initiative || null
  return {
    heading,
    page: initiative ? t('newcomer.document.pageTitle', { document: heading, initiative }) : heading,
    initiative: initiative ?? t('initiative.sectionsLabel'),
  }
}
