import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CdaAttachment as Attachment, NarrativeNode } from '../../../../shared/cda/types';
import { CdaAttachment } from './CdaAttachment';

type ElementNode = NarrativeNode & { kind: 'element' };

/**
 * Draws the reader's allowlisted narrative with React elements only: every string is a text node,
 * every attribute is one this file sets. No markup from the document reaches the page.
 */
export function NarrativeView({
  nodes,
  attachments,
}: {
  nodes: NarrativeNode[];
  attachments: Attachment[];
}) {
  const { t } = useTranslation();

  const className = (node: ElementNode, base?: string) =>
    [base, ...node.styles.map((style) => `cda-${style}`)].filter(Boolean).join(' ') || undefined;

  const renderAll = (list: NarrativeNode[], parent?: ElementNode): ReactNode[] =>
    list.map((node, key) => render(node, key, parent));

  const renderList = (node: ElementNode, key: number): ReactNode => {
    const captions = node.children.filter(
      (child) => child.kind === 'element' && child.tag === 'caption',
    );
    const items = node.children.filter((child) => !captions.includes(child));
    const List = node.ordered ? 'ol' : 'ul';
    return (
      <div key={key} className={className(node, 'cda-list')}>
        {captions.map((caption, index) =>
          caption.kind === 'element' ? (
            <p key={index} className={className(caption, 'cda-caption')}>
              {renderAll(caption.children, caption)}
            </p>
          ) : null,
        )}
        <List>{renderAll(items, node)}</List>
      </div>
    );
  };

  const renderElement = (node: ElementNode, key: number, parent?: ElementNode): ReactNode => {
    const children = renderAll(node.children, node);
    switch (node.tag) {
      case 'paragraph':
        return (
          <div key={key} className={className(node, 'cda-paragraph')}>
            {children}
          </div>
        );
      case 'list':
        return renderList(node, key);
      case 'item':
        return (
          <li key={key} className={className(node, 'cda-item')}>
            {children}
          </li>
        );
      case 'table':
        return (
          <div key={key} className="cda-table-scroll">
            <table className={className(node, 'cda-table')}>{children}</table>
          </div>
        );
      case 'caption':
        return parent?.tag === 'table' ? (
          <caption key={key} className={className(node, 'cda-caption')}>
            {children}
          </caption>
        ) : (
          <span key={key} className={className(node, 'cda-caption')}>
            {children}
          </span>
        );
      case 'thead':
      case 'tbody':
      case 'tfoot':
      case 'tr': {
        const Tag = node.tag;
        return <Tag key={key}>{children}</Tag>;
      }
      case 'th':
      case 'td': {
        const Cell = node.tag;
        return (
          <Cell key={key} className={className(node)} colSpan={node.colSpan} rowSpan={node.rowSpan}>
            {children}
          </Cell>
        );
      }
      case 'sub':
      case 'sup': {
        const Tag = node.tag;
        return (
          <Tag key={key} className={className(node)}>
            {children}
          </Tag>
        );
      }
      case 'footnote':
        return (
          <span key={key} className={className(node, 'cda-footnote')}>
            {children}
          </span>
        );
      case 'content':
        return (
          <span key={key} className={className(node, 'cda-content')}>
            {children}
          </span>
        );
    }
  };

  function render(node: NarrativeNode, key: number, parent?: ElementNode): ReactNode {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={key} />;
      case 'element':
        return renderElement(node, key, parent);
      case 'link':
        return (
          <span key={key} className="cda-link" data-testid="cda-link">
            {node.text}
            {node.url ? (
              <span className="cda-link-url">
                {' '}
                {t('documents.cda.linkAddress', { url: node.url })}
              </span>
            ) : null}
          </span>
        );
      case 'image':
        return (
          <span key={key} className="cda-media">
            <img
              src={`data:${node.mediaType};base64,${node.base64}`}
              alt={node.caption ?? t('documents.cda.imageAlt')}
            />
            {node.caption ? <span className="cda-media-caption">{node.caption}</span> : null}
          </span>
        );
      case 'attachment':
        return <CdaAttachment key={key} bytes={attachments[node.index]?.bytes} />;
      case 'unavailable-media':
        return (
          <span key={key} className="cda-media-unavailable muted">
            {t('documents.cda.mediaUnavailable')}
          </span>
        );
    }
  }

  return <>{renderAll(nodes)}</>;
}
