// How another person's caret looks: a coloured bar with their name; text is white (AA on
// every palette colour).
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#4d5761'
  const name = typeof user.name === 'string' ? user.name : ''
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.style.borderColor = color
  const label = document.createElement('div')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = color
  label.setAttribute('dir', 'auto')
  label.textContent = name
  caret.append(label)
  return caret
}
