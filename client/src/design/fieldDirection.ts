// Empty text fields start in the interface's direction. A `dir="auto"` field takes its direction
// from its first strong character, so an empty one is left-to-right — even in a right-to-left
// interface, where its caret and placeholder then sit on the wrong side. While such a field is
// empty it takes the direction of <html dir>; once it has text, `auto` decides.
import { useState, useSyncExternalStore, type InputEvent, type InputEventHandler } from 'react'

export type Direction = 'ltr' | 'rtl'

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['dir'] })
  return () => observer.disconnect()
}

const interfaceDirection = (): Direction => (document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr')

/** The interface's direction (<html dir>), following language switches. */
export function useInterfaceDirection(): Direction {
  return useSyncExternalStore(subscribe, interfaceDirection, () => 'ltr')
}

/** `dir` as given, except an `auto` field that is empty: the interface direction. */
export function fieldDirection(dir: string | undefined, empty: boolean, ui: Direction): string | undefined {
  return dir === 'auto' && empty ? ui : dir
}

interface FieldDirectionProps<E> {
  dir?: string
  value?: unknown
  defaultValue?: unknown
  onInput?: InputEventHandler<E>
}

/**
 * The `dir` and `onInput` to give an input or textarea: for controlled fields the value tells
 * whether it is empty; for uncontrolled ones, what was typed last.
 */
export function useFieldDirection<E extends HTMLInputElement | HTMLTextAreaElement>(
  props: FieldDirectionProps<E>,
): {
  dir: string | undefined
  onInput: (event: InputEvent<E>) => void
} {
  const ui = useInterfaceDirection()
  const [typedEmpty, setTypedEmpty] = useState(() => String(props.defaultValue ?? '') === '')
  const empty = props.value !== undefined ? String(props.value ?? '') === '' : typedEmpty
  return {
    dir: fieldDirection(props.dir, empty, ui),
    onInput: (event) => {
      setTypedEmpty(event.currentTarget.value === '')
      props.onInput?.(event)
    },
  }
}
