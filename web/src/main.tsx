import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './app.js';
import './styles.css';
import { I18nProvider, useI18n, type Lang } from './i18n.js';
import { createQueryClient } from './queries.js';

const queryClient = createQueryClient();

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

/** antd and dayjs follow the language chosen in the header. */
function Localized({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  applyLang(lang);
  // antd's English locale is fetched only when English is chosen: most visitors read Chinese.
  const [enUS, setEnUS] = useState<Locale | null>(null);
  useEffect(() => {
    if (lang === 'en' && !enUS) void import('antd/locale/en_US').then((m) => setEnUS(m.default));
  }, [lang, enUS]);
  return (
    <ConfigProvider locale={lang === 'en' && enUS ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function Root() {
  return (
    <I18nProvider>
      <Localized>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </Localized>
    </I18nProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
