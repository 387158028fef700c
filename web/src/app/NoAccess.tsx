// What a page the user's role may not use shows instead of the page: reached from a link or by URL,
// the user learns at once that they cannot use it (not a form that fails at Save).
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from './i18n';

export function NoAccess() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<span data-testid="no-access">{t('noAccess.title')}</span>}
      subTitle={t('noAccess.hint')}
      extra={<Button type="primary" onClick={() => navigate('/')} data-testid="no-access-home">{t('noAccess.home')}</Button>}
    />
  );
}
