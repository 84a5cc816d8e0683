import type { ReactNode } from 'react';

/**
 * An NHS.UK responsive table: columns on a wide screen; on a phone each row stacks and every cell
 * names its column, so nothing scrolls sideways at 360 px.
 */
export function ResponsiveTable(props: { caption: string; hideCaption?: boolean; headings: readonly string[]; rows: { key: string; cells: ReactNode[]; change?: string }[]; testId?: string }) {
  return (
    <table className="nhsuk-table-responsive" data-testid={props.testId}>
      <caption className={props.hideCaption ? 'nhsuk-u-visually-hidden' : 'nhsuk-table__caption'}>{props.caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>{props.headings.map((h) => <th scope="col" key={h}>{h}</th>)}</tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {props.rows.map((row) => (
          <tr className="nhsuk-table__row" key={row.key} data-change={row.change}>
            {row.cells.map((cell, i) => (
              <td className="nhsuk-table__cell" key={props.headings[i]}>
                <span className="nhsuk-table-responsive__heading" aria-hidden="true">{props.headings[i]} </span>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
