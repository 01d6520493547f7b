// The glossary term block's form: the term and its definition, with checkGlossaryTerm's messages.
import type { NodeViewProps } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { checkGlossaryTerm } from '@common-ground/domain'
import { useBlocksEditable } from './AgendaBlocksContext.tsx'
import { BlockFrame, BlockInput, textOf } from './fields.tsx'

export function GlossaryTermView({ node, updateAttributes, deleteNode, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const editable = useBlocksEditable()
  const attrs = node.attrs as Record<string, unknown>
  const { issues } = checkGlossaryTerm(attrs)
  return (
    <BlockFrame kind="glossaryTerm" blockId={textOf(attrs.id)} issues={issues} editable={editable} selected={selected} onRemove={deleteNode}>
      <BlockInput
        label={t('agenda.fields.term')}
        field="term"
        value={textOf(attrs.term)}
        issues={issues}
        disabled={!editable}
        onChange={(value) => updateAttributes({ term: value === '' ? null : value })}
      />
      <BlockInput
        label={t('agenda.fields.definition')}
        field="definition"
        value={textOf(attrs.definition)}
        issues={issues}
        disabled={!editable}
        multiline
        onChange={(value) => updateAttributes({ definition: value === '' ? null : value })}
      />
    </BlockFrame>
  )
}
