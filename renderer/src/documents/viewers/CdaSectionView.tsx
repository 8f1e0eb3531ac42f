import type { CdaAttachment, CdaSection } from '../../../../shared/cda/types';
import { NarrativeView } from './NarrativeView';

const HEADINGS = ['h3', 'h4', 'h5', 'h6'] as const;

export function CdaSectionView({
  section,
  depth,
  attachments,
}: {
  section: CdaSection;
  depth: number;
  attachments: CdaAttachment[];
}) {
  const Heading = HEADINGS[Math.min(depth, HEADINGS.length - 1)] ?? 'h6';
  return (
    <section className="cda-section" data-testid="cda-section">
      {section.title ? <Heading className="cda-section-title">{section.title}</Heading> : null}
      <div className="cda-narrative">
        <NarrativeView nodes={section.narrative} attachments={attachments} />
      </div>
      {section.sections.map((nested, index) => (
        <CdaSectionView key={index} section={nested} depth={depth + 1} attachments={attachments} />
      ))}
    </section>
  );
}
