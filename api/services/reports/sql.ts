/**
 * A SQL fragment with its bind values, in knex's `?` style (what EntityManager.execute takes).
 * Reports compose a few of these into one set-based statement; values never go into the text.
 */
export interface Sql {
  text: string;
  params: unknown[];
}

export function sql(text: string, ...params: unknown[]): Sql {
  return { text, params };
}

/** The conjunction of fragments ('true' for none). */
export function and(...parts: Array<Sql | null | undefined | false>): Sql {
  const present = parts.filter((p): p is Sql => !!p && p.text !== 'true');
  if (present.length === 0) return sql('true');
  return { text: present.map((p) => `(${p.text})`).join(' and '), params: present.flatMap((p) => p.params) };
}

/**
 * Fills a template whose `${}` holes are fragments, in order: the statement stays readable and the
 * bind values line up with their `?` by construction.
 */
export function query(strings: TemplateStringsArray, ...parts: Sql[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    text += part.text + strings[i + 1];
    params.push(...part.params);
  });
  return { text, params };
}
