// What the tracking, brand and notification browser tests share: a carrier that covers Shenzhen →
// Shanghai, an order of that lane, and scan times as a carrier in China writes them.
export const fen = (amount_minor) => ({ amount_minor, currency: 'CNY' });

export const CARRIER = {
  code: 'SWIFT', name_zh: '迅达快运', name_en: 'Swift Express', kind: 'subcontracted', coverage: ['44', '31'],
  products: ['standard'], daily_capacity_orders: 100, daily_capacity_grams: 1_000_000_000,
  rates: [{ product: 'standard', zone: 'cross_province', first_grams: 1000, first_price: fen(900), step_grams: 1000, step_price: fen(200) }],
  transit: [{ product: 'standard', zone: 'cross_province', hours: 48 }],
  declared: { on_time_bp: 9600, damage_bp: 10, scan_completeness_bp: 9700 },
};

export const orderBody = (customerId) => ({
  customer_id: customerId, product: 'standard',
  shipper: { name: '张三', phone: '13812345678', division: '440305', address: '科技园南区 1 栋 101' },
  consignee: { name: '李四', phone: '13987654321', division: '310115', address: '世纪大道 100 号 2001 室' },
  goods: { pieces: 1, weight_grams: 2300, description: '样品' },
});

// An instant `minutes` ago as a carrier in China writes it: RFC 3339 at +08:00.
export function chinaTime(minutesAgo) {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
