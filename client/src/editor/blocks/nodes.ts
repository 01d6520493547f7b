// The agenda's structured blocks as TipTap nodes: goalBlock, indicatorBlock and glossaryTerm,
// atoms whose attributes are exactly the fields the domain reads (packages/domain/src/agenda).
// y-tiptap removes every attribute a node does not declare, so all of them are declared here,
// defaulting to null (y-tiptap then writes nothing). HTML (copy and paste) carries the fields
// as JSON in `data-attrs`. Each block is edited by its React node view, a form.
import { mergeAttributes, Node } from '@tiptap/core'
import { ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react'
import type { ComponentType } from 'react'
import { AGENDA_BLOCK_NODES } from '@common-ground/domain'
import { GoalBlockView } from './GoalBlockView.tsx'
import { IndicatorBlockView } from './IndicatorBlockView.tsx'
import { GlossaryTermView } from './GlossaryTermView.tsx'

export const BLOCK_ATTRIBUTES = {
  goalBlock: ['id', 'statement', 'population', 'order'],
  indicatorBlock: [
    'id',
    'goalId',
    'name',
    'definition',
    'valueType',
    'unit',
    'rateBase',
    'polarity',
    'baseline',
    'targets',
    'frequency',
    'dataSource',
    'ownerPartnerId',
    'disaggregations',
    'minChange',
  ],
  glossaryTerm: ['id', 'term', 'definition'],
} as const satisfies Record<(typeof AGENDA_BLOCK_NODES)[keyof typeof AGENDA_BLOCK_NODES], readonly string[]>

type BlockNodeName = keyof typeof BLOCK_ATTRIBUTES

function jsonAttributes(element: HTMLElement): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(element.getAttribute('data-attrs') ?? '{}')
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function blockNode(name: BlockNodeName, view: ComponentType<ReactNodeViewProps>) {
  return Node.create({
    name,
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    addAttributes() {
      return Object.fromEntries(
        BLOCK_ATTRIBUTES[name].map((attribute) => [
          attribute,
          { default: null, rendered: false, parseHTML: (element: HTMLElement) => jsonAttributes(element)[attribute] ?? null },
        ]),
      )
    },
    parseHTML() {
      return [{ tag: `div[data-agenda-block="${name}"]` }]
    },
    renderHTML({ node, HTMLAttributes }) {
      return ['div', mergeAttributes(HTMLAttributes, { 'data-agenda-block': name, 'data-attrs': JSON.stringify(node.attrs) })]
    },
    addNodeView() {
      return ReactNodeViewRenderer(view)
    },
  })
}

export const GoalBlock = blockNode(AGENDA_BLOCK_NODES.goal, GoalBlockView)
export const IndicatorBlock = blockNode(AGENDA_BLOCK_NODES.indicator, IndicatorBlockView)
export const GlossaryTermBlock = blockNode(AGENDA_BLOCK_NODES.glossaryTerm, GlossaryTermView)
