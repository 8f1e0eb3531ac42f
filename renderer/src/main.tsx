import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bridge } from './bridge/bridge';
import { initI18n } from './i18n/i18n';
import { installNavigationGuard } from './security/navigation-guard';
import './styles.css';

async function start(): Promise<void> {
  installNavigationGuard();
  const info = await bridge.getAppInfo({}).catch(() => undefined);
  await initI18n(info?.locale ?? 'fr');
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <App info={info} />
    </StrictMode>,
  );
}

void start();
