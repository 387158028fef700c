// Strings of the dashboard (首页): zh is the source, en must have every key (tsc checks); both are merged
// into the console's tables in app/i18n.
export const zh = {
  'dashboard.title': '首页',
  'dashboard.byValueClass': '客户价值分类（当前页）',
  'dashboard.byIndustry': '客户行业分布（当前页）',
  'dashboard.customers': '客户',
  'dashboard.empty': '还没有客户。先新建或导入客户。',
};

export const en: Record<keyof typeof zh, string> = {
  'dashboard.title': 'Home',
  'dashboard.byValueClass': 'Customers by value class (this page)',
  'dashboard.byIndustry': 'Customers by industry (this page)',
  'dashboard.customers': 'Customers',
  'dashboard.empty': 'No customers yet. Create or import some first.',
};
