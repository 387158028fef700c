// Strings of the alerts for admins: zh is the source, en must have every key (tsc checks); both are merged
// into the console's tables in app/i18n.
export const zh = {
  'alerts.title': '告警',
  'alerts.none': '暂无告警',
  'alerts.burst': '{login} 在 {m} 分钟内查看个人信息 {n} 次',
};

export const en: Record<keyof typeof zh, string> = {
  'alerts.title': 'Alerts',
  'alerts.none': 'No alerts',
  'alerts.burst': '{login} revealed personal data {n} times within {m} minutes',
};
