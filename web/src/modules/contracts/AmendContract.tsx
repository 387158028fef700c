// 修订合同: a new version of a contract in force (POST …/amendments), edited from its current terms with
// the date it takes effect. Approved as a contract is; until then the contract stays as it is.
import { Alert, Button, Card, Result, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { usePageTitle } from '../../app/pageHead';
import { useContract } from './api';
import { StateTag } from './parts';
import { TermsEditor } from './TermsEditor';

export function AmendContract() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useContract(id);
  const contract = query.data?.body ?? null;
  usePageTitle(contract ? `${t('amend.title')} · ${contract.number}` : null);

  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Result status="404" title={<span data-testid="contract-not-found">{t('contract.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/contracts')}>{t('contract.toList')}</Button>} />
    );
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="contract-error" />;
  if (!contract) return <Spin />;
  const inForce = contract.state === 'approved' || contract.state === 'active' || contract.state === 'expiring';
  return (
    <Card className="contract-page" data-testid="amend-page">
      <div className="contract-head">
        <div className="contract-head-title">
          <span className="contract-number">{contract.number}</span>
          <StateTag state={contract.state} />
          <span>{t('contract.version', { n: contract.version })}</span>
        </div>
        <Button onClick={() => navigate(`/contracts/${contract.id}`)}>{t('versions.back')}</Button>
      </div>
      {!inForce || contract.pending_amendment ? (
        <Alert type="warning" showIcon data-testid="amend-not-possible"
          message={t(contract.pending_amendment ? 'reason.amendment_pending' : 'reason.not_in_force')} />
      ) : (
        <TermsEditor contract={contract} revision={null} mode="amend" />
      )}
    </Card>
  );
}
