// The indicator block's form: every field of an indicator definition (name, definition, value
// type, unit, polarity, baseline, targets, frequency, data source, owner partner,
// disaggregations, minimum meaningful change, parent goal), checked with the domain's
// checkIndicatorBlock against the initiative's partners.
import { useEffect, useState } from 'react'
import { useEditorState, type NodeViewProps } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { AGENDA_BLOCK_NODES, checkIndicatorBlock, FREQUENCIES, POLARITIES, VALUE_TYPES, type ValidationIssue } from '@common-ground/domain'
import { partnerIdsFor, useAgendaBlocks, useBlocksEditable } from './AgendaBlocksContext.tsx'
import { BlockFrame, BlockInput, BlockSelect, numberAttr, textOf } from './fields.tsx'

type Row = Record<string, unknown>
const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.map((v) => (v !== null && typeof v === 'object' ? (v as Row) : {})) : [])
const record = (value: unknown): Row => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : {})

export function IndicatorBlockView({ node, editor, updateAttributes, deleteNode, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const editable = useBlocksEditable()
  const settings = useAgendaBlocks()
  const attrs = node.attrs as Row
  const { issues } = checkIndicatorBlock(attrs, { partnerIds: partnerIdsFor(settings, attrs.ownerPartnerId) })
  const goals = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const found: { id: string; statement: string }[] = []
      e.state.doc.descendants((n) => {
        if (n.type.name === AGENDA_BLOCK_NODES.goal) found.push({ id: textOf(n.attrs.id), statement: textOf(n.attrs.statement) })
        return n.type.name !== AGENDA_BLOCK_NODES.indicator
      })
      return found
    },
  })

  const set = (field: string, value: unknown) => updateAttributes({ [field]: value === '' ? null : value })
  const input = (field: string, options: { wide?: boolean; multiline?: boolean; number?: boolean } = {}) => (
    <BlockInput
      label={t(`agenda.fields.${field}`)}
      field={field}
      value={textOf(attrs[field])}
      issues={issues}
      disabled={!editable}
      wide={options.wide}
      multiline={options.multiline}
      inputMode={options.number ? 'decimal' : undefined}
      onChange={(value) => set(field, options.number ? numberAttr(value) : value)}
    />
  )
  const choice = (field: 'valueType' | 'polarity' | 'frequency', values: readonly string[]) => (
    <BlockSelect
      label={t(`agenda.fields.${field}`)}
      field={field}
      value={textOf(attrs[field]) || values[0]!}
      options={values.map((v) => ({ value: v, label: t(`agenda.${field}.${v}`) }))}
      issues={issues}
      disabled={!editable}
      onChange={(value) => set(field, value)}
    />
  )

  const baseline = record(attrs.baseline)
  const setBaseline = (key: 'value' | 'period', value: unknown) => {
    const next = { ...baseline, [key]: value }
    const empty = (next.value === null || next.value === undefined) && textOf(next.period) === ''
    updateAttributes({ baseline: empty ? null : next })
  }
  const targets = rows(attrs.targets)
  const setTargets = (next: Row[]) => updateAttributes({ targets: next.length === 0 ? null : next })
  const dims = rows(attrs.disaggregations)
  const setDims = (next: Row[]) => updateAttributes({ disaggregations: next.length === 0 ? null : next })
  const range = textOf(attrs.polarity) === 'target_range'
  const partners = settings?.partners ?? []
  const owner = textOf(attrs.ownerPartnerId)

  return (
    <BlockFrame kind="indicator" blockId={textOf(attrs.id)} issues={issues} editable={editable} selected={selected} onRemove={deleteNode}>
      {input('name', { wide: true })}
      {input('definition', { multiline: true })}
      {choice('valueType', VALUE_TYPES)}
      {input('unit')}
      {textOf(attrs.valueType) === 'rate' && input('rateBase', { number: true })}
      {choice('polarity', POLARITIES)}
      <BlockInput
        label={t('agenda.fields.baselineValue')}
        field="baseline.value"
        value={textOf(baseline.value)}
        issues={issues}
        disabled={!editable}
        inputMode="decimal"
        onChange={(value) => setBaseline('value', numberAttr(value))}
      />
      <BlockInput
        label={t('agenda.fields.baselinePeriod')}
        field="baseline.period"
        value={textOf(baseline.period)}
        issues={issues}
        disabled={!editable}
        placeholder={t('agenda.periodPlaceholder')}
        onChange={(value) => setBaseline('period', value === '' ? null : value)}
      />
      <fieldset className="agenda-field agenda-field--wide agenda-rows" data-field="targets">
        <legend>{t('agenda.fields.targets')}</legend>
        {targets.map((target, i) => {
          const change = (key: string, value: unknown) => setTargets(targets.map((row, j) => (j === i ? { ...row, [key]: value } : row)))
          return (
            <div className="agenda-rows__row" key={i} data-row={i}>
              <BlockInput
                label={t('agenda.fields.targetPeriod', { n: i + 1 })}
                field={`targets.${i}.period`}
                value={textOf(target.period)}
                issues={issues}
                disabled={!editable}
                placeholder={t('agenda.periodPlaceholder')}
                onChange={(value) => change('period', value)}
              />
              <BlockInput
                label={t('agenda.fields.targetValue', { n: i + 1 })}
                field={`targets.${i}.value`}
                value={textOf(target.value)}
                issues={issues}
                disabled={!editable}
                inputMode="decimal"
                onChange={(value) => change('value', numberAttr(value))}
              />
              {range && (
                <BlockInput
                  label={t('agenda.fields.targetUpper', { n: i + 1 })}
                  field={`targets.${i}.upper`}
                  value={textOf(target.upper)}
                  issues={issues}
                  disabled={!editable}
                  inputMode="decimal"
                  onChange={(value) => change('upper', numberAttr(value))}
                />
              )}
              {editable && (
                <button type="button" className="btn btn--ghost btn--sm" onClick={() => setTargets(targets.filter((_, j) => j !== i))}>
                  {t('agenda.removeTarget', { n: i + 1 })}
                </button>
              )}
            </div>
          )
        })}
        {editable && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-action="add-target"
            onClick={() => setTargets([...targets, { period: '', value: null }])}
          >
            {t('agenda.addTarget')}
          </button>
        )}
      </fieldset>
      {choice('frequency', FREQUENCIES)}
      {input('dataSource')}
      <BlockSelect
        label={t('agenda.fields.ownerPartnerId')}
        field="ownerPartnerId"
        value={owner}
        options={[{ value: '', label: t('agenda.noOwner') }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
        issues={issues}
        disabled={!editable}
        onChange={(value) => set('ownerPartnerId', value)}
      />
      <fieldset className="agenda-field agenda-field--wide agenda-rows" data-field="disaggregations">
        <legend>{t('agenda.fields.disaggregations')}</legend>
        {dims.map((dim, i) => (
          <div className="agenda-rows__row" key={i} data-row={i}>
            <BlockInput
              label={t('agenda.fields.dimension', { n: i + 1 })}
              field={`disaggregations.${i}.dimension`}
              value={textOf(dim.dimension)}
              issues={issues}
              disabled={!editable}
              onChange={(value) => setDims(dims.map((row, j) => (j === i ? { ...row, dimension: value } : row)))}
            />
            <CategoriesInput
              n={i + 1}
              field={`disaggregations.${i}.categories`}
              categories={Array.isArray(dim.categories) ? dim.categories.map(textOf) : []}
              issues={issues}
              disabled={!editable}
              onChange={(categories) => setDims(dims.map((row, j) => (j === i ? { ...row, categories } : row)))}
            />
            {editable && (
              <button type="button" className="btn btn--ghost btn--sm" onClick={() => setDims(dims.filter((_, j) => j !== i))}>
                {t('agenda.removeDimension', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        {editable && (
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => setDims([...dims, { dimension: '', categories: [] }])}>
            {t('agenda.addDimension')}
          </button>
        )}
      </fieldset>
      {input('minChange', { number: true })}
      <BlockSelect
        label={t('agenda.fields.goalId')}
        field="goalId"
        value={textOf(attrs.goalId)}
        options={[{ value: '', label: t('agenda.nearestGoal') }, ...goals.map((g) => ({ value: g.id, label: g.statement || g.id }))]}
        issues={issues}
        disabled={!editable}
        wide
        onChange={(value) => set('goalId', value)}
      />
    </BlockFrame>
  )
}

/** Categories typed as a comma-separated list; the draft keeps what is typed (a trailing comma) while the attribute holds the list. */
function CategoriesInput(props: {
  n: number
  field: string
  categories: string[]
  issues: ValidationIssue[]
  disabled: boolean
  onChange: (categories: string[]) => void
}) {
  const { t } = useTranslation()
  const joined = props.categories.join(', ')
  const [draft, setDraft] = useState(joined)
  const parse = (text: string) =>
    text
      .split(/[,،]/)
      .map((c) => c.trim())
      .filter((c) => c !== '')
  // Someone else changed the list: show theirs.
  useEffect(() => {
    setDraft((current) => (JSON.stringify(parse(current)) === JSON.stringify(props.categories) ? current : joined))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [joined])
  return (
    <BlockInput
      label={t('agenda.fields.categories', { n: props.n })}
      field={props.field}
      value={draft}
      issues={props.issues}
      disabled={props.disabled}
      wide
      placeholder={t('agenda.categoriesPlaceholder')}
      onChange={(value) => {
        setDraft(value)
        props.onChange(parse(value))
      }}
    />
  )
}
