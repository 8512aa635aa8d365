import { COLUMNS, type ColumnSpec } from '../../../domain/imports/columns';
import { qs } from '../api';
import { useI18n } from '../i18n';

type Kind = 'targets' | 'survey';

/** The blank templates of one kind of import, with their headers in the interface's language. */
export function TemplateLinks({ kind }: { kind: Kind }) {
  const { t, lang } = useI18n();
  const href = (format: 'xlsx' | 'csv') => `/imports/templates/${kind}${qs({ format, lang })}`;
  return (
    <p class="template-links">
      {t.imports.templates}:{' '}
      <a href={href('xlsx')} download>
        {t.imports.templateXlsx}
      </a>{' '}
      ·{' '}
      <a href={href('csv')} download>
        {t.imports.templateCsv}
      </a>
    </p>
  );
}

/**
 * What each column means, its format and an example, in the interface's language: cards, not a
 * table, so it reads on a phone. The same list the server checks headers against.
 */
export function ColumnGuide({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  const columns = COLUMNS[kind];
  return (
    <details class="column-guide">
      <summary>
        {t.imports.guide} ({t.imports.guideCount(columns.length)})
      </summary>
      <ul class="cards">
        {columns.map((column) => (
          <GuideCard key={column.name} column={column} />
        ))}
      </ul>
    </details>
  );
}

function GuideCard({ column }: { column: ColumnSpec }) {
  const { t, lang } = useI18n();
  return (
    <li class="card">
      <strong>{lang === 'th' ? column.th : column.name}</strong>{' '}
      <small class={column.required ? 'required' : ''}>{column.required ? t.imports.required : t.imports.optional}</small>
      <div class="meta">
        {t.imports.otherHeader}:{' '}
        <code>{lang === 'th' ? column.name : column.th}</code>
      </div>
      <p>{column.description[lang]}</p>
      <div class="meta">
        {t.imports.format}: {column.format[lang]}
        {column.example && (
          <>
            {' · '}
            {t.imports.example}: <code>{column.example}</code>
          </>
        )}
      </div>
    </li>
  );
}
