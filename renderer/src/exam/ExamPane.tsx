import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExamTimelineEntry } from '../../../shared/timeline/timeline-entry';
import { DocumentPane } from '../documents/DocumentPane';
import { formatDate } from '../timeline/entry-labels';
import type { ImagingOpenRequest } from '../imaging/ImagingTab';
import { StudyPreview } from './StudyPreview';

/** An exam: its report and its images side by side. */
export function ExamPane({
  patientId,
  exam,
  gatewayBase,
  onText,
  onOpenImaging,
}: {
  patientId: string;
  exam: ExamTimelineEntry;
  gatewayBase: string | undefined;
  onText(logicalId: string, text: string): void;
  onOpenImaging(open: ImagingOpenRequest): void;
}) {
  const { t, i18n } = useTranslation();
  const [reportIndex, setReportIndex] = useState(0);
  const report = exam.reports[reportIndex];
  return (
    <div className="exam-pane" data-testid="exam-pane">
      <section className="exam-report" aria-label={t('timeline.examReport')}>
        {exam.reports.length > 1 ? (
          <div className="exam-report-tabs">
            {exam.reports.map((candidate, index) => (
              <button
                key={candidate.logicalId}
                type="button"
                className="secondary"
                onClick={() => setReportIndex(index)}
              >
                {formatDate(i18n.language, candidate.date)}
              </button>
            ))}
          </div>
        ) : null}
        {report ? (
          <DocumentPane patientId={patientId} document={report} onText={onText} />
        ) : (
          <p className="muted">{t('timeline.examNoReport')}</p>
        )}
      </section>
      <section className="exam-images" aria-label={t('timeline.examImages')}>
        <h3>{exam.study?.description ?? t('timeline.examImages')}</h3>
        {exam.study ? (
          <p className="muted">
            {exam.study.modalities.join(', ')} · {formatDate(i18n.language, exam.study.date)}
            {exam.study.seriesCount !== undefined
              ? ` · ${t('timeline.seriesCount', { count: exam.study.seriesCount })}`
              : null}
            {exam.study.instanceCount !== undefined
              ? ` · ${t('timeline.instanceCount', { count: exam.study.instanceCount })}`
              : null}
          </p>
        ) : null}
        <div className="exam-actions">
          {exam.study ? (
            <>
              <button
                type="button"
                onClick={() => exam.study && onOpenImaging({ kind: 'study', study: exam.study })}
              >
                {t('imaging.openViewer')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => exam.study && onOpenImaging({ kind: 'compare', study: exam.study })}
              >
                {t('imaging.actions.compare')}
              </button>
            </>
          ) : null}
          {exam.manifests[0] ? (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                exam.manifests[0] &&
                onOpenImaging({
                  kind: 'kos',
                  logicalId: exam.manifests[0].logicalId,
                  study: exam.study,
                })
              }
            >
              {t('imaging.kos.open')}
            </button>
          ) : null}
        </div>
        {exam.study && gatewayBase ? (
          <StudyPreview gatewayBase={gatewayBase} patientId={patientId} study={exam.study} />
        ) : null}
      </section>
    </div>
  );
}
