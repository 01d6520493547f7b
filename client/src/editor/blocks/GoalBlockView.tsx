// The goal block's form: statement, population, order, with the domain's checkGoal messages.
import type { NodeViewProps } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { checkGoal } from '@common-ground/domain'
import { useBlocksEditable } from './AgendaBlocksContext.tsx'
import { BlockFrame, BlockInput, numberAttr, textOf } from './fields.tsx'

export function GoalBlockView({ node, updateAttributes, deleteNode, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const editable = useBlocksEditable()
  const attrs = node.attrs as Record<string, unknown>
  const { issues } = checkGoal(attrs)
  const input = (field: 'statement' | 'population', wide = false) => (
    <BlockInput
      label={t(`agenda.fields.${field}`)}
      field={field}
      value={textOf(attrs[field])}
      issues={issues}
      disabled={!editable}
      wide={wide}
      multiline={field === 'statement'}
      onChange={(value) => updateAttributes({ [field]: value === '' ? null : value })}
    />
  )
  return (
    <BlockFrame kind="goal" blockId={textOf(attrs.id)} issues={issues} editable={editable} selected={selected} onRemove={deleteNode}>
      {input('statement', true)}
      {input('population')}
      <BlockInput
        label={t('agenda.fields.order')}
        field="order"
        value={textOf(attrs.order)}
        issues={issues}
        disabled={!editable}
        inputMode="numeric"
        onChange={(value) => updateAttributes({ order: numberAttr(value) })}
      />
    </BlockFrame>
  )
}
