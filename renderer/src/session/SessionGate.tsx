import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../shared/bridge/api';
import { bridge } from '../bridge/bridge';
import { allowPageInNewTab } from '../security/navigation-guard';
import { useIdleLock } from './use-idle-lock';

export type SessionView = InvokeResponse<'getSession'>;
export type SignedInClinician = Extract<SessionView, { status: 'signed-in' }>['clinician'];

/** The provider's page, when the host hands it over (browser host) rather than opening it. */
function LoginPageLink({ url }: { url: string | undefined }) {
  const { t } = useTranslation();
  if (!url) return null;
  return (
    <p>
      <a href={url} target="_blank" rel="noopener noreferrer" data-testid="login-page-link">
        {t('session.openLoginPage')}
      </a>
    </p>
  );
}

/**
 * Nothing of a patient is shown until a clinician is signed in (where login is configured); an
 * idle screen locks, unmounting everything, until the same clinician signs in again.
 */
export function SessionGate({
  idleLockMinutes,
  children,
}: {
  idleLockMinutes: number;
  children: (clinician: SignedInClinician | undefined, logout: () => Promise<void>) => ReactNode;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<SessionView | undefined>(undefined);
  const [loginUrl, setLoginUrl] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void bridge.getSession({}).then(
      (answer) => live && setView(answer),
      () => undefined,
    );
    const offSession = bridge.onSessionChanged((next) => {
      setView(next);
      if (next.status !== 'signing-in') setLoginUrl(undefined);
    });
    const offPage = bridge.onLoginPage(({ url }) => {
      allowPageInNewTab(url);
      setLoginUrl(url);
    });
    return () => {
      live = false;
      offSession();
      offPage();
    };
  }, []);

  const signedIn = view?.status === 'signed-in';
  useIdleLock(signedIn ? idleLockMinutes : 0, () => {
    void bridge.lock({}).then(setView, () => undefined);
  });

  const login = () => void bridge.login({}).catch(() => undefined);
  const logout = async () => setView(await bridge.logout({}));

  if (!view) return <p className="muted">{t('session.checking')}</p>;
  if (view.status === 'disabled') return <>{children(undefined, logout)}</>;
  if (view.status === 'signed-in') return <>{children(view.clinician, logout)}</>;

  const locked = view.status === 'locked' || (view.status === 'signing-in' && view.locked);
  return (
    <main className="session-screen" data-testid={locked ? 'lock-screen' : 'login-screen'}>
      <h2>{t(locked ? 'session.lockedTitle' : 'session.loginTitle')}</h2>
      <p>
        {view.status === 'locked'
          ? t('session.lockedBody', { name: view.clinician.displayName })
          : t('session.loginBody')}
      </p>
      {view.status === 'signed-out' && view.failure ? (
        <p role="alert" className="error" data-testid="login-failure">
          {t(view.failure)}
        </p>
      ) : null}
      {view.status === 'signing-in' ? (
        <>
          <p role="status">{t('session.signingIn')}</p>
          <LoginPageLink url={loginUrl} />
          <button type="button" className="secondary" onClick={login}>
            {t('session.retry')}
          </button>
        </>
      ) : (
        <button type="button" onClick={login}>
          {t(locked ? 'session.unlock' : 'session.login')}
        </button>
      )}
      {locked ? (
        <button type="button" className="secondary" onClick={() => void logout()}>
          {t('session.logout')}
        </button>
      ) : null}
    </main>
  );
}
