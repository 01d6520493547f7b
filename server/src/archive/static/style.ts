// The static report card's stylesheet (style.css): system fonts, logical properties only (so the
// Hebrew page mirrors by dir=rtl alone), and a print stylesheet — no navigation, cards never
// split, each goal on a new page, link addresses of the data files printed.
export const STATIC_CSS = `/* Common Ground — static report card */
:root {
  color-scheme: light;
  --text: #101828;
  --muted: #475467;
  --line: #eaecf0;
  --surface: #ffffff;
  --page: #f9fafb;
  --accent: #0e7090;
  --good: #067647;
  --warn: #b54708;
  --bad: #b42318;
}
* { box-sizing: border-box; }
html { font-family: system-ui, "Segoe UI", Arial, "Noto Sans Hebrew", sans-serif; color: var(--text); background: var(--page); line-height: 1.5; }
body { margin: 0; }
main { max-inline-size: 72rem; margin-inline: auto; padding-block: 1rem 3rem; padding-inline: 1.25rem; }
a { color: var(--accent); }
h1 { font-size: 2rem; margin-block: 0.25rem; }
h2 { font-size: 1.4rem; margin-block: 2rem 0.5rem; }
h3 { font-size: 1.1rem; margin-block: 0 0.25rem; }
.site-header { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; padding-block: 0.75rem; padding-inline: 1.25rem; background: var(--surface); border-block-end: 1px solid var(--line); }
.site-header nav { display: flex; gap: 0.75rem; }
.site-header [aria-current="page"] { font-weight: 600; }
.site-footer { max-inline-size: 72rem; margin-inline: auto; padding-inline: 1.25rem; padding-block-end: 2rem; color: var(--muted); font-size: 0.875rem; }
.eyebrow { margin: 0; color: var(--muted); font-size: 0.875rem; text-transform: uppercase; letter-spacing: 0.04em; }
.lede { font-size: 1.15rem; margin-block: 0 0.5rem; }
.as-of, .muted { color: var(--muted); }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin-block: 1rem; }
.headline p { margin: 0; padding-block: 0.75rem; padding-inline: 1rem; background: var(--surface); border: 1px solid var(--line); border-radius: 0.5rem; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 34rem), 1fr)); gap: 1rem; }
.card { background: var(--surface); border: 1px solid var(--line); border-radius: 0.75rem; padding: 1rem; break-inside: avoid; }
.card__definition { margin-block: 0 0.5rem; color: var(--muted); }
.pills { display: flex; flex-wrap: wrap; gap: 0.375rem; margin-block: 0.5rem; }
.pill { display: inline-block; padding-block: 0.125rem; padding-inline: 0.5rem; border-radius: 999px; border: 1px solid var(--line); font-size: 0.8125rem; }
.pill--on_track { color: var(--good); border-color: currentColor; }
.pill--at_risk { color: var(--warn); border-color: currentColor; }
.pill--off_track { color: var(--bad); border-color: currentColor; }
.pill--fresh-stale, .pill--fresh-missing { color: var(--warn); }
.notice { padding: 0.5rem 0.75rem; border-inline-start: 4px solid var(--warn); background: #fffaeb; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.5rem; margin-block: 0.75rem; }
.figures dt { color: var(--muted); font-size: 0.8125rem; }
.figures dd { margin: 0; font-weight: 600; }
.chart { margin: 0; }
.chart img { display: block; max-inline-size: 100%; block-size: auto; }
.data-table { border-collapse: collapse; margin-block: 0.5rem; font-size: 0.875rem; }
.data-table caption { text-align: start; color: var(--muted); padding-block-end: 0.25rem; }
.data-table th, .data-table td { text-align: start; padding-block: 0.125rem; padding-inline: 0.5rem; border-block-end: 1px solid var(--line); }
.data ul { padding-inline-start: 1.25rem; }
.agenda { background: var(--surface); border: 1px solid var(--line); border-radius: 0.75rem; padding: 1.25rem; }
.block { border: 1px solid var(--line); border-inline-start: 4px solid var(--accent); border-radius: 0.5rem; padding-block: 0.5rem; padding-inline: 0.75rem; margin-block: 0.75rem; break-inside: avoid; }
.block--term { border-inline-start-color: var(--good); }
.block__kind { margin: 0; color: var(--muted); font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; }
.block dl { margin: 0.25rem 0 0; }
.block dt { font-weight: 600; }
.block dd { margin-inline-start: 0; }
@media print {
  html { background: #ffffff; font-size: 11pt; }
  .site-header, .screen-only { display: none; }
  main { max-inline-size: none; padding: 0; }
  .goal + .goal { break-before: page; }
  .card, .block, .headline, figure, table { break-inside: avoid; }
  .card { border-color: #98a2b3; }
  .cards { display: block; }
  .cards .card { margin-block-end: 0.75rem; }
  .data a::after { content: " (" attr(href) ")"; }
}
`
