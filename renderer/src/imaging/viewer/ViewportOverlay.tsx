import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient';
import type { StudySummary } from '../../../../shared/domain/study';
import type { SeriesModel } from '../../../../shared/imaging/series-model';
import { formatDate } from '../../timeline/entry-labels';
import type { OverlayState, PixelReadout } from './overlay-state';

/** The scale bar's length: the largest of these (mm) that takes at most a quarter of the width. */
const BAR_LENGTHS_MM = [100, 50, 20, 10, 5, 2, 1];

function scaleBar(mmPerScreenPixel: number, width: number) {
  const lengthMm =
    BAR_LENGTHS_MM.find((mm) => mm / mmPerScreenPixel <= width / 4) ?? BAR_LENGTHS_MM.at(-1) ?? 1;
  return { lengthMm, pixels: lengthMm / mmPerScreenPixel };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Patient, study and image information over a viewport, as radiologists read it. */
export function ViewportOverlay({
  patient,
  study,
  model,
  overlay,
  readout,
  width,
}: {
  patient: PatientSummary;
  study: StudySummary | undefined;
  model: SeriesModel;
  overlay: OverlayState;
  readout: PixelReadout | undefined;
  width: number;
}) {
  const { t, i18n } = useTranslation();
  const { identity, ins } = patient;
  const unit = model.modality === 'CT' ? ' HU' : '';
  const bar = overlay.mmPerScreenPixel ? scaleBar(overlay.mmPerScreenPixel, width) : undefined;
  return (
    <div className="viewport-overlay" aria-hidden="false">
      <div className="overlay-corner top-left" data-testid="overlay-patient">
        <div>
          {identity.birthFamilyName.toUpperCase()} {identity.firstNames.join(' ')}
        </div>
        <div>
          {t(`patients.sexValue.${identity.sex}`)} ·{' '}
          {formatDate(i18n.language, `${identity.birthDate}T12:00:00Z`)}
        </div>
        {ins ? (
          <div>
            {t('patients.ins')} {ins.value}
            {ins.qualified ? '' : ` (${t('imaging.insNotQualified')})`}
          </div>
        ) : null}
      </div>
      <div className="overlay-corner top-right" data-testid="overlay-study">
        <div>{study?.description ?? ''}</div>
        <div>
          {model.modality} · {model.description ?? ''}
        </div>
        <div>{study?.date ? formatDate(i18n.language, study.date) : ''}</div>
      </div>
      <div className="overlay-corner bottom-left" data-testid="overlay-image">
        <div data-testid="overlay-slice">
          {t('imaging.overlay.image', { index: overlay.index + 1, total: overlay.total })}
        </div>
        {overlay.position !== undefined ? (
          <div data-testid="overlay-position">
            {t('imaging.overlay.position', { mm: round(overlay.position, 2) })}
          </div>
        ) : null}
        {model.sliceThickness !== undefined ? (
          <div>{t('imaging.overlay.thickness', { mm: round(model.sliceThickness, 2) })}</div>
        ) : null}
        {readout ? (
          <div data-testid="overlay-readout">
            {t('imaging.overlay.readout', {
              column: readout.column,
              row: readout.row,
              value: round(readout.value),
              unit,
            })}
          </div>
        ) : null}
      </div>
      <div className="overlay-corner bottom-right" data-testid="overlay-display">
        {overlay.window ? (
          <div data-testid="overlay-window">
            {t('imaging.overlay.window', {
              width: Math.round(overlay.window.width),
              center: Math.round(overlay.window.center),
            })}
          </div>
        ) : null}
        <div data-testid="overlay-zoom">
          {t('imaging.overlay.zoom', { percent: Math.round(overlay.zoom * 100) })}
        </div>
        {overlay.invert ? <div>{t('imaging.overlay.inverted')}</div> : null}
        {bar ? (
          <div className="scale-bar" data-testid="scale-bar">
            <span className="scale-bar-line" style={{ width: `${bar.pixels}px` }} />
            <span>{bar.lengthMm} mm</span>
          </div>
        ) : null}
      </div>
      {overlay.edges ? (
        <>
          <span className="orientation top" data-testid="orientation-top">
            {overlay.edges.top}
          </span>
          <span className="orientation bottom" data-testid="orientation-bottom">
            {overlay.edges.bottom}
          </span>
          <span className="orientation left" data-testid="orientation-left">
            {overlay.edges.left}
          </span>
          <span className="orientation right" data-testid="orientation-right">
            {overlay.edges.right}
          </span>
        </>
      ) : null}
    </div>
  );
}
