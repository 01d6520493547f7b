// An indicator's chart (recharts): approved values over time, the baseline and the target
// (a band for a target range) as reference lines, the projection to the target date dashed;
// and the disaggregated view, one line per category. The time axis runs right to left in RTL.
// Decorative for assistive technology: the card's data table holds the same numbers.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useTranslation } from 'react-i18next'
import type { CardIndicator } from '@common-ground/domain'
import { directionOf } from '../../i18n/index.ts'
import { axisLayout, chartRows, formatAxisValue, formatPeriod, formatValue, type DisaggregatedView } from './format.ts'

const COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf']
const HEIGHT = 220

function useAxes() {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const layout = axisLayout(directionOf(language))
  return { t, language, layout }
}

export default function IndicatorChart({ indicator }: { indicator: CardIndicator }) {
  const { t, language, layout } = useAxes()
  const rows = chartRows(indicator)
  const value = (v: number) => formatValue(v, indicator, language, t)
  const target = indicator.target
  return (
    <div className="rc-chart" aria-hidden="true" data-reversed={layout.reversed ? 'true' : 'false'}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={rows} margin={{ top: 12, right: 16, bottom: 4, left: 16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e4e7ec" />
          <XAxis dataKey="period" reversed={layout.reversed} tickFormatter={(p: string) => formatPeriod(p, language, t)} tick={{ fontSize: 12 }} />
          <YAxis
            orientation={layout.valueAxis}
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => formatAxisValue(v, indicator, language)}
            tick={{ fontSize: 12 }}
            width={56}
          />
          <Tooltip labelFormatter={(p) => formatPeriod(String(p), language, t)} formatter={(v) => value(Number(v))} />
          {indicator.baseline && (
            <ReferenceLine
              y={indicator.baseline.value}
              stroke="#667085"
              strokeDasharray="4 4"
              ifOverflow="extendDomain"
              label={{ value: t('reportcard.chart.baseline'), position: 'insideBottomLeft', fontSize: 11 }}
            />
          )}
          {target && target.upper !== undefined && (
            <ReferenceArea y1={target.value} y2={target.upper} fill="#12b76a" fillOpacity={0.12} ifOverflow="extendDomain" />
          )}
          {target && (
            <ReferenceLine
              y={target.value}
              stroke="#027a48"
              strokeDasharray="6 3"
              ifOverflow="extendDomain"
              label={{ value: t('reportcard.chart.target'), position: 'insideTopLeft', fontSize: 11 }}
            />
          )}
          <Line
            type="monotone"
            dataKey="actual"
            name={t('reportcard.chart.actual')}
            stroke="#1d4ed8"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="projection"
            name={t('reportcard.chart.projection')}
            stroke="#1d4ed8"
            strokeDasharray="5 5"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

export function DisaggregationChart({ indicator, view }: { indicator: CardIndicator; view: DisaggregatedView }) {
  const { t, language, layout } = useAxes()
  return (
    <div className="rc-chart rc-chart--small" aria-hidden="true">
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={view.rows} margin={{ top: 8, right: 16, bottom: 4, left: 16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e4e7ec" />
          <XAxis dataKey="period" reversed={layout.reversed} tickFormatter={(p: string) => formatPeriod(p, language, t)} tick={{ fontSize: 11 }} />
          <YAxis
            orientation={layout.valueAxis}
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => formatAxisValue(v, indicator, language)}
            tick={{ fontSize: 11 }}
            width={56}
          />
          <Tooltip labelFormatter={(p) => formatPeriod(String(p), language, t)} formatter={(v) => formatValue(Number(v), indicator, language, t)} />
          <Legend />
          {view.categories.map((category, i) => (
            <Line
              key={category}
              type="monotone"
              dataKey={`c${i}`}
              name={category}
              stroke={COLORS[i % COLORS.length]}
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
