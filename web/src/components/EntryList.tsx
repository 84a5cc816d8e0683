import { useEffect, useRef } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Resource } from '@medplum/fhirtypes';
import type { EntryKind } from '../entry-edit.ts';

/** One row on a section page: entry `index` of `resource`. */
export interface Row {
  resource: Resource;
  index: number;
  entry: unknown;
  key: string;
}

export function rowsOf(kind: EntryKind, resource: Resource): Row[] {
  return kind.entries(resource).map((entry, index) => ({ resource, index, entry, key: `${resource.id}:${index}` }));
}

interface Props {
  kind: EntryKind;
  resources: Resource[];
  heading?: (resource: Resource) => string | undefined;
  confirming: string | undefined;
  onChange(row: Row): void;
  onRemove(row: Row): void;
  onConfirm(row: Row): void;
  onKeep(): void;
}

/**
 * Every entry is its own row with its own Change and Remove; Remove first asks "Are you sure?" in the row itself
 * (the NHS.UK pattern for a destructive action: say what will go, a warning button to go on, a way back).
 */
export function EntryList({ kind, resources, heading, confirming, onChange, onRemove, onConfirm, onKeep }: Props) {
  return (
    <div data-testid="items">
      {resources.map((resource) => {
        const rows = rowsOf(kind, resource);
        const title = heading?.(resource);
        return (
          <div key={resource.id}>
            {title ? <h2 className="nhsuk-heading-s">{title}</h2> : null}
            {rows.length === 0 ? null : (
              <ul className="nhsuk-list nhsuk-list--border">
                {rows.map((row) => {
                  const text = kind.describe(row.entry);
                  return (
                    <li key={row.key} data-testid="entry">
                      {text}{' '}
                      {confirming === row.key ? (
                        <RemoveQuestion text={text} onYes={() => onConfirm(row)} onNo={onKeep} />
                      ) : (
                        <>
                          <Button secondary small onClick={() => onChange(row)} aria-label={`Change ${text}`}>Change</Button>{' '}
                          <Button secondary small onClick={() => onRemove(row)} aria-label={`Remove ${text}`}>Remove</Button>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}

function RemoveQuestion({ text, onYes, onNo }: { text: string; onYes(): void; onNo(): void }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="nhsuk-warning-callout">
      <p id="remove-question" tabIndex={-1} ref={ref}><strong>Are you sure you want to remove “{text}”?</strong></p>
      <p>You can undo this for 15 minutes afterwards.</p>
      <Button warning small onClick={onYes}>Yes, remove it</Button>{' '}
      <Button secondary small onClick={onNo}>No, keep it</Button>
    </div>
  );
}
