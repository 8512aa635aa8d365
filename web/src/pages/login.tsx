import { useState } from 'preact/hooks';
import { api } from '../api';
import { LanguageSwitch } from '../components/layout';
import { ActionForm, Field, inputValue } from '../components/ui';
import { useTitle } from '../hooks';
import { useI18n } from '../i18n';
import type { Principal } from '../types';

export function LoginPage({ onSignedIn }: { onSignedIn(user: Principal): void }) {
  const { t } = useI18n();
  useTitle(t.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <main id="main" class="container login">
      <article>
        <header>
          <h1>{t.appName}</h1>
          <p>{t.appTagline}</p>
        </header>
        <ActionForm label={t.signIn} submit={() => api.post<{ user: Principal }>('/auth/login', { username, password })} onDone={(r) => onSignedIn(r.user)}>
          <Field name={t.username}>{(id) => <input id={id} name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(inputValue(e))} />}</Field>
          <Field name={t.password}>
            {(id) => <input id={id} name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(inputValue(e))} />}
          </Field>
        </ActionForm>
        <footer>
          <LanguageSwitch />
        </footer>
      </article>
    </main>
  );
}
