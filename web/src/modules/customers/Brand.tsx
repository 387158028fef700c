// 品牌: an account's logo and primary colour, shown on the public tracking page of its shipments
// (PATCH/DELETE /api/v1/customers/{id}/brand; whoever may edit the account — staff only, a portal user
// holds no customers.update). The logo is sent as a data URL; PNG or JPEG of at most 200 KB, checked
// here for a quick answer and by the server for the real one (it recognises the image by its bytes).
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, ColorPicker, ConfigProvider, Popconfirm, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { customerKey } from './api';
import type { Brand, Customer } from './model';

const MAX_LOGO_BYTES = 200 * 1024;

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function BrandSection({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const brand = customer.brand ?? null;
  const [color, setColor] = useState<string | null>(brand?.primary_color ?? null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setColor(brand?.primary_color ?? null), [brand?.primary_color]);

  const path = `/api/v1/customers/${customer.id}/brand`;
  const changed = (next: Brand | null) => {
    queryClient.setQueryData<Customer>(customerKey(customer.id), (old) => (old ? { ...old, brand: next } : old));
    void queryClient.invalidateQueries({ queryKey: [...customerKey(customer.id), 'history'] });
  };
  const patch = async (body: { primary_color?: string | null; logo?: string | null }) => {
    setBusy(true);
    try {
      const answer = await api<{ brand: Brand | null }>('PATCH', path, { body });
      changed(answer.brand);
      message.success(t('brand.saved'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const clear = async () => {
    setBusy(true);
    try {
      await api<void>('DELETE', path);
      changed(null);
      message.success(t('brand.cleared'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File) => {
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') message.error(t('brand.typeRefused'));
    else if (file.size > MAX_LOGO_BYTES) message.error(t('brand.tooLarge'));
    else await patch({ logo: await readAsDataUrl(file) });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="brand-section">
      <Typography.Text type="secondary">{t('brand.hint')}</Typography.Text>
      {!canEdit && <Typography.Text type="secondary">{t('brand.readOnly')}</Typography.Text>}

      <div>
        <Typography.Text strong>{t('brand.logo')}</Typography.Text>
        <div style={{ margin: '8px 0' }}>
          {brand?.logo_url
            ? <img src={brand.logo_url} alt={t('brand.logo')} data-testid="brand-logo" style={{ maxHeight: 48, maxWidth: 200, objectFit: 'contain' }} />
            : <Typography.Text type="secondary" data-testid="brand-no-logo">{t('brand.noLogo')}</Typography.Text>}
        </div>
        {canEdit && (
          <Space wrap>
            <Upload accept="image/png,image/jpeg" showUploadList={false} disabled={busy}
              beforeUpload={(file) => { void upload(file); return false; }}>
              <Button icon={<UploadOutlined />} disabled={busy} data-testid="brand-upload">{t(brand?.logo_url ? 'brand.replace' : 'brand.upload')}</Button>
            </Upload>
            {brand?.logo_url && <Button disabled={busy} onClick={() => void patch({ logo: null })} data-testid="brand-remove-logo">{t('brand.removeLogo')}</Button>}
          </Space>
        )}
        {canEdit && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('brand.uploadHint')}</Typography.Text></div>}
      </div>

      <div>
        <Typography.Text strong>{t('brand.color')}</Typography.Text>
        <div style={{ margin: '8px 0' }}>
          <Space wrap>
            <ColorPicker value={color ?? undefined} disabled={!canEdit || busy} disabledAlpha showText format="hex"
              onChangeComplete={(c) => setColor(c.toHexString().toLowerCase())} data-testid="brand-color" />
            {!color && <Typography.Text type="secondary">{t('brand.noColor')}</Typography.Text>}
            {canEdit && (
              <>
                <Button type="primary" disabled={busy || !color || color === brand?.primary_color}
                  onClick={() => void patch({ primary_color: color })} data-testid="brand-save-color">{t('brand.saveColor')}</Button>
                {brand?.primary_color && <Button disabled={busy} onClick={() => void patch({ primary_color: null })}>{t('brand.removeColor')}</Button>}
              </>
            )}
          </Space>
        </div>
      </div>

      <div>
        <Typography.Text strong>{t('brand.preview')}</Typography.Text>
        <ConfigProvider theme={color ? { token: { colorPrimary: color } } : undefined}>
          <div className="brand-preview" data-testid="brand-preview">
            {brand?.logo_url ? <img src={brand.logo_url} alt="" style={{ maxHeight: 28, maxWidth: 140 }} /> : <span>{customer.name}</span>}
            <Button type="primary" size="small" tabIndex={-1}>{t('brand.previewButton')}</Button>
          </div>
        </ConfigProvider>
      </div>

      {canEdit && brand && (
        <Popconfirm title={t('brand.clearConfirm')} onConfirm={() => void clear()}>
          <Button danger disabled={busy} data-testid="brand-clear">{t('brand.clear')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}
