import { STRINGS } from '../strings.js';

/**
 * An admin table's header: its columns, then the column of each row's buttons, named for screen
 * readers though it shows no title (axe: empty-table-header).
 */
export function AdminTableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column}>{column}</th>
        ))}
        <th>
          <span class="visually-hidden">{STRINGS.actionsColumn}</span>
        </th>
      </tr>
    </thead>
  );
}
