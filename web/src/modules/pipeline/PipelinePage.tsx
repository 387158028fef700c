// 商机: the opportunities as a board (one column per stage) or as a list, switched by a toggle the
// console remembers (localStorage; the URL's ?view= wins, so a shared link opens the same view). The
// owner filter applies to both views; the list has its own filters besides. All filters live in the URL.
import { AppstoreOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Form, Segmented, Select, Space } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useUserOptions } from './api';
import { Kanban } from './Kanban';
import { OpportunityList } from './OpportunityList';
import './pipeline.css';

type View = 'board' | 'list';
const VIEW_KEY = 'consign.pipeline.view';

function storedView(): View {
  try {
    return localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'board';
  } catch {
    return 'board';
  }
}

export function PipelinePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const options = useUserOptions();
  const fromUrl = params.get('view');
  const view: View = fromUrl === 'list' || fromUrl === 'board' ? fromUrl : storedView();
  const ownerId = params.get('owner_id') ?? undefined;

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const setView = (v: View) => {
    try {
      localStorage.setItem(VIEW_KEY, v);
    } catch {
      /* private mode: the URL still holds it */
    }
    set({ view: v });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="pipeline-page">
      <div className="pipeline-toolbar">
        <Segmented<View>
          value={view}
          onChange={setView}
          aria-label={t('pipeline.view')}
          data-testid="pipeline-view"
          options={[
            { value: 'board', label: <span data-testid="view-board">{t('pipeline.view.board')}</span>, icon: <AppstoreOutlined /> },
            { value: 'list', label: <span data-testid="view-list">{t('pipeline.view.list')}</span>, icon: <UnorderedListOutlined /> },
          ]}
        />
        <Form.Item label={t('pipeline.owner')} htmlFor="pipeline-owner" style={{ margin: 0 }}>
          <Select
            id="pipeline-owner"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('pipeline.allOwners')}
            value={ownerId}
            onChange={(v?: string) => set({ owner_id: v })}
            style={{ minWidth: 180 }}
            loading={options.isPending}
            data-testid="filter-owner"
            options={(options.data?.users ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          />
        </Form.Item>
      </div>
      {view === 'board'
        ? <Kanban ownerId={ownerId} names={options.data?.users} />
        : <OpportunityList ownerId={ownerId} names={options.data?.users} params={params} set={set} />}
    </Space>
  );
}
