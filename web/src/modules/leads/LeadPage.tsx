// 线索详情: the lead's details, its possible duplicates (links to the other lead or the account),
// its contacts masked as the server sends them (each value revealed on purpose, with a reason, through
// the one RevealDialog), the qualification (资格审查: conditions, evaluation, review), the follow-up
// activities, and the actions the user's role allows: edit, assign, convert (once qualified). A
// converted lead links to its account. An id outside the caller's scope reads as "not found".
import { DownOutlined, EditOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Dropdown, Empty, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useIsPhone, usePageTitle } from '../../app/pageHead';
import '../customers/record.css';
import { useLead } from './api';
import { AssignDialog, ConvertDialog } from './LeadActions';
import type { Lead, LeadContact } from './model';
import { formatFen } from '../../app/money';
import { LeadContactValue, LeadStatusTag, useRegionName, useTeamName, useUserName, type LeadRevealField } from './parts';
import { Qualification } from './Qualification';
import './leads.css';
import { ActivityTimeline } from '../activities';

const TABS = ['details', 'contacts', 'qualification', 'activities'] as const;

export function LeadPage() {
  const { id } = useParams();
  const { t, label, dateTime, number } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const query = useLead(id);
  const lead = query.data && String(query.data.id) === id ? query.data : null;
  const regionName = useRegionName();
  const userName = useUserName();
  const teamName = useTeamName();
  const [assigning, setAssigning] = useState(false);
  const [converting, setConverting] = useState(false);
  usePageTitle(lead ? lead.company : null);
  // The open tab is in the URL (?tab=qualification), so a reload or a shared link keeps it.
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'details';

  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Result status="404" title={<span data-testid="lead-not-found">{t('lead.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/leads')}>{t('lead.toList')}</Button>} />
    );
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="lead-error" />;
  if (!lead) return <Spin />;

  const none = t('common.none');
  const converted = lead.status === 'converted';
  const canEdit = can('leads.update') && !converted;
  const canAssign = can('leads.assign') && !converted;
  const canConvert = can('leads.convert') && lead.status === 'qualified';
  const masked = lead.contacts.some((k) => [k.name, k.phone, k.email].some((v) => v?.includes('*')));

  const actions = phone ? (
    (canEdit || canAssign || canConvert) && (
      <Dropdown trigger={['click']} menu={{
        items: [
          ...(canEdit ? [{ key: 'edit', icon: <EditOutlined />, label: <span data-testid="edit-lead">{t('lead.edit')}</span>, onClick: () => navigate(`/leads/${lead.id}/edit`) }] : []),
          ...(canAssign ? [{ key: 'assign', icon: <UserSwitchOutlined />, label: <span data-testid="assign-lead">{t('lead.assign')}</span>, onClick: () => setAssigning(true) }] : []),
          ...(canConvert ? [{ key: 'convert', icon: <SwapOutlined />, label: <span data-testid="convert-lead">{t('lead.convert')}</span>, onClick: () => setConverting(true) }] : []),
        ],
      }}>
        <Button className="record-tap" data-testid="record-actions">{t('record.actions')} <DownOutlined /></Button>
      </Dropdown>
    )
  ) : (
    <Space wrap>
      {canEdit && <Button icon={<EditOutlined />} onClick={() => navigate(`/leads/${lead.id}/edit`)} data-testid="edit-lead">{t('lead.edit')}</Button>}
      {canAssign && <Button icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)} data-testid="assign-lead">{t('lead.assign')}</Button>}
      {canConvert && <Button type="primary" icon={<SwapOutlined />} onClick={() => setConverting(true)} data-testid="convert-lead">{t('lead.convert')}</Button>}
    </Space>
  );

  return (
    <Card className="record-page" data-testid="lead-page">
      <div className="record-head">
        <Space wrap>
          <span style={{ fontWeight: 600 }} data-testid="lead-company">{lead.company}</span>
          <LeadStatusTag status={lead.status} testId="lead-status" />
          {lead.duplicate && <Tag color="orange" data-testid="lead-duplicate">{t('leads.duplicateYes')}</Tag>}
          {lead.evaluation && <Tag data-testid="lead-score">{t('lead.score')} {lead.evaluation.score}</Tag>}
        </Space>
        {actions}
      </div>
      {converted && lead.account_id !== null && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="lead-converted"
          message={t('lead.convertedTo')}
          description={(
            <Space wrap>
              <Link to={`/customers/${lead.account_id}`} data-testid="lead-account-link">{t('lead.openAccount')}</Link>
              {lead.opportunity_id !== null && <Typography.Text data-testid="lead-opportunity">{t('lead.opportunityN', { id: lead.opportunity_id })}</Typography.Text>}
            </Space>
          )} />
      )}
      {lead.duplicate && <Duplicates lead={lead} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          if (k === 'details') next.delete('tab');
          else next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={[
          {
            key: 'details',
            label: <span data-testid="tab-details">{t('lead.tabDetails')}</span>,
            children: (
              <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="lead-details">
                <Descriptions.Item label={t('lead.company')}>{lead.company}</Descriptions.Item>
                <Descriptions.Item label={t('lead.creditCode')}><span data-testid="lead-credit-code">{lead.credit_code || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.source')}><span data-testid="lead-source">{label('lead_source', lead.source)}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.industry')}>{label('industry', lead.industry)}</Descriptions.Item>
                <Descriptions.Item label={t('lead.region')}><span data-testid="lead-region">{regionName(lead.region_code) || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.owner')}>
                  <span data-testid="lead-owner">{lead.owner_id === null ? t('lead.unassigned') : userName(lead.owner_id)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('lead.team')}>{teamName(lead.team_id) || none}</Descriptions.Item>
                <Descriptions.Item label={t('lead.monthlyVolume')}>
                  <span data-testid="lead-volume">{lead.monthly_volume === null ? none : number(lead.monthly_volume)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('lead.monthlySpend')}>
                  <span data-testid="lead-spend">{lead.monthly_spend ? formatFen(lead.monthly_spend.amount_minor) : none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('lead.statedNeeds')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="lead-stated-needs">{lead.stated_needs || none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('lead.underlyingNeeds')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="lead-underlying-needs">{lead.underlying_needs || none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('lead.competitorName')}><span data-testid="lead-competitor">{lead.competitor.name || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.competitorServices')}><span style={{ whiteSpace: 'pre-wrap' }}>{lead.competitor.value_added_services || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.competitorStrengths')}><span style={{ whiteSpace: 'pre-wrap' }}>{lead.competitor.strengths || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.competitorWeaknesses')}><span style={{ whiteSpace: 'pre-wrap' }}>{lead.competitor.weaknesses || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('lead.created')}>{dateTime(lead.created_at)}</Descriptions.Item>
                <Descriptions.Item label={t('lead.updated')}>{dateTime(lead.updated_at)}</Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'contacts',
            label: <span data-testid="tab-contacts">{`${t('lead.tabContacts')} (${lead.contacts.length})`}</span>,
            children: (
              <>
                {masked && <Alert type="info" showIcon message={t('lead.maskedNotice')} style={{ marginBottom: 12 }} data-testid="lead-masked-notice" />}
                <Contacts lead={lead} phone={phone} />
              </>
            ),
          },
          {
            key: 'qualification',
            label: <span data-testid="tab-qualification">{t('lead.tabQualification')}</span>,
            children: <Qualification lead={lead} />,
          },
          {
            key: 'activities',
            label: <span data-testid="tab-activities">{t('lead.tabActivities')}</span>,
            children: <ActivityTimeline subject={`lead:${lead.id}`} />,
          },
        ]}
      />
      {canAssign && <AssignDialog lead={lead} open={assigning} onClose={() => setAssigning(false)} />}
      {canConvert && <ConvertDialog lead={lead} open={converting} onClose={() => setConverting(false)} />}
    </Card>
  );
}

// The other leads and accounts that look like the same company, each a link, with why it matched.
function Duplicates({ lead }: { lead: Lead }) {
  const { t, label } = useI18n();
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="lead-duplicates"
      message={t('lead.duplicatesTitle')}
      description={(
        <>
          <ul className="lead-duplicates">
            {lead.duplicates.map((d) => (
              <li key={`${d.kind}-${d.id}-${d.match}`} data-testid="duplicate">
                <Link to={d.kind === 'lead' ? `/leads/${d.id}` : `/customers/${d.id}`} data-testid={`duplicate-${d.kind}`}>
                  {d.kind === 'lead' ? t('lead.duplicateLead', { id: d.id, name: d.name ?? '' }) : t('lead.duplicateAccount', { id: d.id })}
                </Link>
                {' · '}
                <span data-testid="duplicate-match">{label('lead_match', d.match)}</span>
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">{t('lead.duplicatesHint')}</Typography.Text>
        </>
      )} />
  );
}

function Contacts({ lead, phone }: { lead: Lead; phone: boolean }) {
  const { t } = useI18n();
  const value = (k: LeadContact, i: number, field: LeadRevealField, testId: string) => (
    <LeadContactValue leadId={lead.id} index={i} field={field}
      masked={field === 'contact.name' ? k.name : field === 'contact.phone' ? k.phone : k.email} testId={testId} />
  );
  if (!lead.contacts.length) return <Empty description={t('lead.noContacts')} />;
  if (phone) {
    return (
      <ul className="record-cards">
        {lead.contacts.map((k, i) => (
          <li key={i} className="record-card" data-testid="contact-card">
            <div className="record-card-title">{value(k, i, 'contact.name', 'contact-name')}</div>
            {k.title && <Typography.Text type="secondary">{k.title}</Typography.Text>}
            <div className="record-card-line"><Typography.Text type="secondary">{t('lead.contactPhone')}</Typography.Text>{value(k, i, 'contact.phone', 'contact-phone')}</div>
            <div className="record-card-line"><Typography.Text type="secondary">{t('lead.contactEmail')}</Typography.Text>{value(k, i, 'contact.email', 'contact-email')}</div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table<LeadContact & { index: number }>
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={lead.contacts.map((k, index) => ({ ...k, index }))}
      scroll={{ x: 700 }}
      onRow={() => ({ 'data-testid': 'contact-row' } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('lead.contactName'), key: 'name', render: (_, k) => value(k, k.index, 'contact.name', 'contact-name') },
        { title: t('lead.contactTitle'), dataIndex: 'title' },
        { title: t('lead.contactPhone'), key: 'phone', render: (_, k) => value(k, k.index, 'contact.phone', 'contact-phone') },
        { title: t('lead.contactEmail'), key: 'email', render: (_, k) => value(k, k.index, 'contact.email', 'contact-email') },
      ]}
    />
  );
}
