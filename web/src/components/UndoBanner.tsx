import { Button } from 'nhsuk-react-components';

/** What was removed, kept in this tab so it can be put back for a while, even after going to another page. */
export interface Removed {
  resourceId: string;
  index: number;
  entry: unknown;
  /** The entry was the whole resource (deleted), not one element of a list in it. */
  whole: boolean;
  text: string;
  /** The resource's version when it was removed from. */
  version: string;
  until: number;
}

/** The NHS.UK success banner with a way back. */
export function UndoBanner({ removed, onUndo }: { removed: Removed; onUndo(): void }) {
  const until = new Date(removed.until).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <section className="nhsuk-notification-banner nhsuk-notification-banner--success" aria-labelledby="undo-title" data-testid="undo">
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="undo-title">Removed</h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">You removed “{removed.text}”.</p>
        <p>Removed by mistake? You can put it back until {until}.</p>
        <Button secondary small onClick={onUndo}>Undo: put “{removed.text}” back</Button>
      </div>
    </section>
  );
}
