// The CSV import dialog: choose a file (CSV, or an .xlsx workbook whose first sheet is turned into CSV here), its header and first rows are read here (papaparse) and
// its columns mapped to the import fields (auto-mapped by header name), a dry run on the server
// (upload progress shown), the row-by-row report when rows are bad (nothing is imported then),
// and the import itself.
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IMPORT_FIELDS, type ImportField, type Initiative, type Partner } from '@common-ground/domain'
import { Button, Notice, SelectField } from '../../design/index.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { isApiError } from '../../api/http.ts'
import { importMeasurements, type ImportResult } from './api.ts'
import {
  autoMap,
  isWorkbook,
  mappingParam,
  missingFields,
  previewCsv,
  workbookToCsv,
  WorkbookUnreadable,
  type CsvPreview,
  type ImportMapping,
} from './importMapping.ts'

type Phase = { step: 'idle' } | { step: 'uploading'; progress: number; dryRun: boolean } | { step: 'checked' | 'imported'; result: ImportResult }

export function ImportButton({ initiative, partners, onImported }: { initiative: Initiative; partners: Partner[]; onImported: () => void }) {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        onClick={() => {
          setOpen(true)
          dialog.current?.showModal()
        }}
        data-action="import"
      >
        {t('measurement.import.open')}
      </Button>
      <dialog ref={dialog} className="import-dialog" aria-labelledby="import-dialog-title" onClose={() => setOpen(false)}>
        {open && (
          <ImportForm
            initiative={initiative}
            partners={partners}
            onClose={() => dialog.current?.close()}
            onImported={() => {
              onImported()
            }}
          />
        )}
      </dialog>
    </>
  )
}

function ImportForm({
  initiative,
  partners,
  onClose,
  onImported,
}: {
  initiative: Initiative
  partners: Partner[]
  onClose: () => void
  onImported: () => void
}) {
  const { t } = useTranslation()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<CsvPreview | null>(null)
  const [mapping, setMapping] = useState<ImportMapping>({})
  const [partnerId, setPartnerId] = useState('')
  const [phase, setPhase] = useState<Phase>({ step: 'idle' })
  const [error, setError] = useState<unknown>(null)
  const backbone = initiative.role === 'backbone'

  const choose = async (chosen: File | undefined) => {
    setPhase({ step: 'idle' })
    setError(null)
    if (!chosen) return
    let upload: File = chosen
    if (isWorkbook(chosen)) {
      // A workbook's first sheet is sent as CSV, so the server checks it exactly as a CSV file.
      try {
        upload = new File([await workbookToCsv(chosen)], chosen.name.replace(/\.xlsx$/i, '') + '.csv', { type: 'text/csv' })
      } catch (caught) {
        setFile(null)
        setPreview(null)
        setError(caught)
        return
      }
    }
    setFile(upload)
    // The header and a few rows are enough to map the columns: read only the start of a large file.
    const text = await upload.slice(0, 256 * 1024).text()
    const read = previewCsv(text)
    setPreview(read)
    setMapping(autoMap(read.headers))
  }

  const run = async (dryRun: boolean) => {
    if (!file) return
    setError(null)
    setPhase({ step: 'uploading', progress: 0, dryRun })
    try {
      const result = await importMeasurements({
        initiativeId: initiative.id,
        file,
        dryRun,
        mapping: mappingParam(mapping),
        ...(backbone ? { partnerId } : {}),
        onProgress: (progress) => setPhase({ step: 'uploading', progress, dryRun }),
      })
      setPhase({ step: dryRun || !result.ok ? 'checked' : 'imported', result })
      if (!dryRun && result.ok) onImported()
    } catch (caught) {
      setPhase({ step: 'idle' })
      setError(caught)
    }
  }

  const missing = missingFields(mapping)
  const report = phase.step === 'checked' || phase.step === 'imported' ? phase.result.report : null
  const rejected = phase.step === 'checked' && !phase.result.ok
  return (
    <div className="stack import-form">
      <h2 id="import-dialog-title">{t('measurement.import.title')}</h2>
      <p className="muted">{t('measurement.import.description')}</p>
      <label className="field">
        <span className="field__label">{t('measurement.import.file')}</span>
        <input
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => void choose(event.target.files?.[0])}
          data-field="file"
        />
      </label>
      {error !== null && (
        <Notice tone="error">
          {isApiError(error, 'import_unreadable')
            ? t('measurement.import.unreadable', { message: error.message })
            : error instanceof WorkbookUnreadable
              ? t('measurement.import.workbookUnreadable')
              : errorMessage(t, error)}
        </Notice>
      )}
      {preview && (
        <>
          <fieldset className="import-form__mapping">
            <legend>{t('measurement.import.mapping')}</legend>
            <div className="form-grid">
              {IMPORT_FIELDS.map((field: ImportField) => (
                <SelectField
                  key={field}
                  label={t(`measurement.import.fields.${field}`)}
                  value={mapping[field] ?? ''}
                  data-import-field={field}
                  onChange={(event) => {
                    setPhase({ step: 'idle' })
                    setMapping((current) => ({ ...current, [field]: event.target.value || undefined }))
                  }}
                  options={[{ value: '', label: t('measurement.import.notMapped') }, ...preview.headers.map((h) => ({ value: h, label: h }))]}
                  error={missing.includes(field) ? t('measurement.import.required') : null}
                />
              ))}
              {backbone && !mapping.partner && (
                <SelectField
                  label={t('measurement.import.defaultPartner')}
                  value={partnerId}
                  onChange={(event) => setPartnerId(event.target.value)}
                  options={[{ value: '', label: t('measurement.sheet.initiativeWide') }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
                />
              )}
            </div>
          </fieldset>
          <div className="table-wrap">
            <table className="table import-form__preview">
              <caption className="muted">{t('measurement.import.preview')}</caption>
              <thead>
                <tr>
                  {preview.headers.map((h, i) => (
                    <th key={i} scope="col" dir="auto">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c} dir="auto">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {phase.step === 'uploading' && (
        <div role="status" className="stack">
          <span>{t(phase.dryRun ? 'measurement.import.checking' : 'measurement.import.importing')}</span>
          <progress max={1} value={phase.progress} aria-label={t('measurement.import.progress')} />
        </div>
      )}
      {report && (
        <div role="status" className="stack import-form__report" data-result={rejected ? 'rejected' : phase.step}>
          {rejected ? (
            <Notice tone="error">{t('measurement.import.rejected', { count: report.errorCount, rows: report.rows })}</Notice>
          ) : (
            <Notice tone="success">
              {t(phase.step === 'imported' ? 'measurement.import.done' : 'measurement.import.checked', {
                rows: report.rows,
                created: report.created,
                updated: report.updated,
                unchanged: report.unchanged,
              })}
            </Notice>
          )}
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table className="table import-form__errors">
                <thead>
                  <tr>
                    <th scope="col">{t('measurement.import.row')}</th>
                    <th scope="col">{t('measurement.import.field')}</th>
                    <th scope="col">{t('measurement.import.problem')}</th>
                    <th scope="col">{t('measurement.import.given')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((e, i) => (
                    <tr key={i} data-row={e.row} data-code={e.code}>
                      <td>{e.row}</td>
                      <td>{t(`measurement.import.fields.${e.field}`, { defaultValue: e.field })}</td>
                      <td>{t(`measurement.issues.${e.code}`, { defaultValue: e.code })}</td>
                      <td dir="auto">{e.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <div className="row row--end">
        <Button variant="ghost" onClick={onClose}>
          {phase.step === 'imported' ? t('measurement.import.close') : t('common.cancel')}
        </Button>
        {phase.step !== 'imported' && (
          <Button disabled={!file || missing.length > 0 || phase.step === 'uploading'} onClick={() => void run(true)} data-action="dry-run">
            {t('measurement.import.dryRun')}
          </Button>
        )}
        {phase.step !== 'imported' && (
          <Button
            variant="primary"
            disabled={!file || missing.length > 0 || phase.step !== 'checked' || rejected}
            onClick={() => void run(false)}
            data-action="run-import"
          >
            {t('measurement.import.run')}
          </Button>
        )}
      </div>
    </div>
  )
}
