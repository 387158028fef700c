// The pipeline board: one column per stage (寻找大客户 … 交易 hold the open opportunities, 维护 the won
// ones), each with its count, Σ monthly revenue and Σ revenue × probability. A card is moved by
// dragging it to another column (the HTML5 drag-and-drop API: no library needed for columns of cards)
// or, without a mouse, by its "移至…" menu, which offers only the stages the pipeline allows.
//
// A move shows at once (the card is put in its new column) and is sent to POST /opportunities/{id}/stage;
// when the server refuses it (409 naming stage: a move back by more than one, anything into 维护) or
// fails, the card goes back where it was and the board says why, in words, until the next move.
import { DownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Empty, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { BOARD_CAP, boardKey, changeStage, opportunityKey, useAccountNames, useBoard, type BoardData, type UserOptions } from './api';
import { allowedTargets, DEFAULT_PROBABILITY, refusalKey, STAGES, stageChangeAllowed, type Opportunity, type Stage } from './model';
import { formatFen } from '../../app/money';
import { totalFen, weightedFen } from './money';

const DRAG_TYPE = 'application/x-consign-opportunity';

interface Notice { kind: 'refused' | 'failed'; text: string }

export function Kanban({ ownerId, names }: { ownerId: string | undefined; names: UserOptions['users'] | undefined }) {
  const { t, label, number, errorText, fieldMessage } = useI18n();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const board = useBoard(ownerId);
  const data = board.data;
  const all = useMemo(() => [...(data?.open ?? []), ...(data?.won ?? [])], [data]);
  const accounts = useAccountNames(all.map((o) => o.account_id));
  const canMove = can('opportunities.update');
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  const [over, setOver] = useState<Stage | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [status, setStatus] = useState('');  // announced to screen readers
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const focusAfterMove = useRef<number | null>(null);

  // A move made from the card's menu keeps the focus on the card, now in its new column (the menu's
  // item and the old card are gone; the keyboard user goes on from where they were).
  useEffect(() => {
    const id = focusAfterMove.current;
    if (id === null) return;
    const button = document.querySelector<HTMLElement>(`[data-opportunity-id="${id}"] [data-testid="card-move"]`);
    button?.focus();
    if (button && document.activeElement === button) focusAfterMove.current = null;
  });

  const ownerName = (id: number | null) =>
    id === null ? t('pipeline.unassigned') : names?.find((u) => u.id === id)?.name ?? t('pipeline.user', { id });
  const accountName = (id: number) => accounts.get(id) ?? t('pipeline.account', { id });

  const key = boardKey(ownerId);
  const putCard = (card: Opportunity) =>
    queryClient.setQueryData<BoardData>(key, (d) => d && { ...d, open: d.open.map((x) => (x.id === card.id ? card : x)) });

  const move = async (o: Opportunity, to: Stage, fromMenu = false) => {
    if (o.stage === to || o.outcome !== 'open' || pending.has(o.id)) return;
    if (fromMenu) focusAfterMove.current = o.id;
    await queryClient.cancelQueries({ queryKey: key });
    const from = o.stage;
    const stageName = (s: Stage) => label('stage', s);
    putCard({ ...o, stage: to, probability: DEFAULT_PROBABILITY[to] });
    setPending((p) => new Set(p).add(o.id));
    setStatus(t('pipeline.moving', { name: o.name, stage: stageName(to) }));
    try {
      const updated = await changeStage(o.id, to);
      putCard(updated);
      queryClient.setQueryData(opportunityKey(o.id), updated);
      setNotice(null);
      // The card in its new column says it; the status line tells a screen reader (no toast).
      setStatus(t('pipeline.moved', { name: o.name, stage: stageName(to) }));
      void queryClient.invalidateQueries({ queryKey: ['opportunities', 'list'] });
    } catch (e) {
      putCard(o);  // back where it was
      if (fromMenu) focusAfterMove.current = o.id;
      let text: string;
      if (e instanceof ApiError && e.status === 409 && e.fields.some((f) => f.field === 'stage')) {
        const k = refusalKey(from, to);
        const problem = e.fields.find((f) => f.field === 'stage')!;
        text = t(k, { name: o.name, from: stageName(from), to: stageName(to), reason: fieldMessage(problem) });
        setNotice({ kind: 'refused', text });
      } else {
        text = t('pipeline.moveFailed', { name: o.name, error: errorText(e) });
        setNotice({ kind: 'failed', text });
      }
      setStatus(text);
      // Someone else may have moved or closed it meanwhile: the board is read again.
      void queryClient.invalidateQueries({ queryKey: key });
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(o.id);
        return next;
      });
    }
  };

  if (board.error) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} testId="board-error" />;
  if (!data) return <Spin aria-label={t('common.loading')} data-testid="board-loading" />;
  if (all.length === 0) {
    return (
      <Empty data-testid="pipeline-empty" description={ownerId ? t('pipeline.emptyFiltered') : (
        <>
          <div>{t('pipeline.empty')}</div>
          <Typography.Text type="secondary">{t('pipeline.emptyHint')}</Typography.Text>
        </>
      )} />
    );
  }

  const columns = STAGES.map((stage) => ({
    stage,
    items: stage === 'maintenance'
      ? [...data.open.filter((o) => o.stage === stage), ...data.won]
      : data.open.filter((o) => o.stage === stage),
  }));

  const onDragStart = (o: Opportunity) => (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, String(o.id));
    e.dataTransfer.setData('text/plain', o.name);
    e.dataTransfer.effectAllowed = 'move';
    setDragging(o);
  };
  const onDragEnd = () => {
    setDragging(null);
    setOver(null);
  };
  const dropProps = (stage: Stage) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== stage) setOver(stage);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null) && over === stage) setOver(null);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const id = Number(e.dataTransfer.getData(DRAG_TYPE));
      const card = data.open.find((o) => o.id === id) ?? dragging;
      onDragEnd();
      if (card) void move(card, stage);
    },
  });

  return (
    <div className="pipeline-board-wrap">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('pipeline.dragHint')}</Typography.Paragraph>
      {data.truncated && <Alert type="info" showIcon message={t('pipeline.truncated', { n: number(BOARD_CAP) })} style={{ marginBottom: 8 }} data-testid="board-truncated" />}
      {notice && (
        <Alert type={notice.kind === 'refused' ? 'warning' : 'error'} showIcon closable role="alert" message={notice.text}
          onClose={() => setNotice(null)} style={{ marginBottom: 8 }} data-testid="board-notice" />
      )}
      <div className="visually-hidden" aria-live="polite" data-testid="board-status">{status}</div>
      <div className="pipeline-board" role="region" aria-label={t('pipeline.boardLabel')} tabIndex={0} data-testid="pipeline-board">
        {columns.map(({ stage, items }) => {
          const target = dragging && dragging.stage !== stage;
          const allowed = target && stageChangeAllowed(dragging.stage, stage);
          const className = ['pipeline-column',
            target ? (allowed ? 'pipeline-column-allowed' : 'pipeline-column-forbidden') : '',
            over === stage ? 'pipeline-column-over' : ''].join(' ');
          const headingId = `pipeline-column-${stage}`;
          return (
            <section key={stage} className={className} aria-labelledby={headingId} data-testid={`column-${stage}`} data-stage={stage} {...dropProps(stage)}>
              <header className="pipeline-column-head">
                <h2 id={headingId} className="pipeline-column-title">{label('stage', stage)}</h2>
                <div className="pipeline-column-stats">
                  <span data-testid={`column-count-${stage}`}>{t('pipeline.column.count', { n: number(items.length) })}</span>
                  <span>{t('pipeline.column.revenue')} <b data-testid={`column-revenue-${stage}`}>{formatFen(totalFen(items))}</b></span>
                  <span>{t('pipeline.column.weighted')} <b data-testid={`column-weighted-${stage}`}>{formatFen(weightedFen(items))}</b></span>
                </div>
              </header>
              {items.length === 0 ? (
                <div className="pipeline-column-empty" data-testid={`column-empty-${stage}`}>{t('pipeline.column.empty')}</div>
              ) : (
                <ul className="pipeline-cards" aria-labelledby={headingId}>
                  {items.map((o) => {
                    const movable = canMove && o.outcome === 'open' && !pending.has(o.id);
                    const targets = allowedTargets(o.stage);
                    return (
                      <li key={o.id} className={`pipeline-card${dragging?.id === o.id ? ' pipeline-card-dragging' : ''}`}
                        draggable={movable} onDragStart={movable ? onDragStart(o) : undefined} onDragEnd={onDragEnd}
                        aria-busy={pending.has(o.id)} data-testid="opportunity-card" data-opportunity-id={o.id} data-stage={o.stage}>
                        <Link to={`/opportunities/${o.id}`} draggable={false} className="pipeline-card-name" data-testid="card-name">{o.name}</Link>
                        {o.outcome === 'won' && <Tag color="green" style={{ marginInlineStart: 6 }}>{label('outcome', 'won')}</Tag>}
                        <dl className="pipeline-card-facts">
                          <div><dt>{t('pipeline.card.account')}</dt><dd data-testid="card-account">{accountName(o.account_id)}</dd></div>
                          <div><dt>{t('pipeline.card.owner')}</dt><dd data-testid="card-owner">{ownerName(o.owner_id)}</dd></div>
                          <div><dt>{t('pipeline.card.volume')}</dt><dd data-testid="card-volume">{o.monthly_volume === null ? '—' : t('pipeline.volumeValue', { n: number(o.monthly_volume) })}</dd></div>
                          <div><dt>{t('pipeline.card.revenue')}</dt><dd data-testid="card-revenue">{o.monthly_revenue ? formatFen(o.monthly_revenue.amount_minor) : '—'}</dd></div>
                          <div><dt>{t('pipeline.card.probability')}</dt><dd data-testid="card-probability">{o.probability}%</dd></div>
                        </dl>
                        {canMove && o.outcome === 'open' && (
                          <Dropdown
                            trigger={['click']}
                            autoFocus
                            // Not disabled while the move is sent: a disabled button could not keep the focus.
                            disabled={targets.length === 0}
                            menu={{
                              items: targets.map((s) => ({ key: s, label: <span data-testid={`move-to-${s}`}>{label('stage', s)}</span> })),
                              onClick: ({ key: k }) => void move(o, k as Stage, true),
                            }}
                          >
                            <Button size="small" className="pipeline-card-move" aria-label={t('pipeline.moveToLabel', { name: o.name })}
                              aria-haspopup="menu" data-testid="card-move" loading={pending.has(o.id)}>
                              {t('pipeline.moveTo')} <DownOutlined />
                            </Button>
                          </Dropdown>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
