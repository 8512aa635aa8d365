import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorMessage, Loaded } from '../components/ui';
import { useResource, useTitle } from '../hooks';
import { useI18n } from '../i18n';
import type { NotificationDelivery, NotificationKind } from '../labels';
import type { NotificationPreferences } from '../types';

const KINDS: NotificationKind[] = ['reminder', 'overdue', 'escalated', 'taskAssigned'];
const DELIVERIES: NotificationDelivery[] = ['inApp', 'dailyDigest'];

/** My notification choices: per kind, the app only or also the morning e-mail, and my address. */
export function NotificationsPage() {
  const { t } = useI18n();
  useTitle(t.notifications.title);
  const preferences = useResource(() => api.get<NotificationPreferences>('/me/notifications'), []);
  return (
    <>
      <h1>{t.notifications.title}</h1>
      <p>{t.notifications.intro}</p>
      <Loaded resource={preferences}>{(data) => <PreferencesForm initial={data} />}</Loaded>
    </>
  );
}

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useI18n();
  const [email, setEmail] = useState(initial.email ?? '');
  const [kinds, setKinds] = useState(initial.kinds);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // A change after saving takes the "saved" note away until the next save.
  const edit = <T,>(set: (value: T) => void) => (value: T) => (setSaved(false), set(value));
  const wantsEmail = KINDS.some((kind) => kinds[kind] === 'dailyDigest');
  // The server's code says which sentence to show; the address is the only field a person types.
  const emailProblem = error instanceof ApiError && error.field === 'body.email' ? (error.code === 'EMAIL_REQUIRED' ? t.notifications.emailRequired : t.notifications.emailInvalid) : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const answer = await api.put<NotificationPreferences>('/me/notifications', { email: email.trim() || null, kinds });
      setEmail(answer.email ?? '');
      setKinds(answer.kinds);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} class="notification-preferences">
      {KINDS.map((kind) => (
        <fieldset key={kind}>
          <legend>{t.notifications.kinds[kind]}</legend>
          {DELIVERIES.map((delivery) => (
            <label key={delivery}>
              <input type="radio" name={kind} value={delivery} checked={kinds[kind] === delivery} onChange={() => edit(setKinds)({ ...kinds, [kind]: delivery })} />
              {t.notifications.deliveries[delivery]}
            </label>
          ))}
        </fieldset>
      ))}
      <label for="notification-email">
        {t.notifications.email}
        <input
          id="notification-email"
          type="email"
          inputMode="email"
          autocomplete="email"
          maxLength={254}
          required={wantsEmail}
          value={email}
          aria-invalid={emailProblem ? true : undefined}
          aria-describedby="notification-email-hint"
          onInput={(e) => edit(setEmail)((e.target as HTMLInputElement).value)}
        />
        <small id="notification-email-hint">{emailProblem ?? t.notifications.emailHint}</small>
      </label>
      {error && !emailProblem ? <ErrorMessage error={error} /> : null}
      {saved && (
        <p role="status" class="notice">
          {t.notifications.saved}
        </p>
      )}
      <button type="submit" disabled={saving} aria-busy={saving}>
        {saving ? t.saving : t.save}
      </button>
    </form>
  );
}
