// Strings of the portal's own account (我的账户): zh is the source, en must have every key (tsc checks); both are merged
// into the console's tables in app/i18n.
export const zh = {
  'portal.myAccount': '我的账户',
  'portal.intro': '贵公司在我们这里登记的账户信息。如需修改，请联系您的客户经理。',
  'portal.notFound': '账户不存在或无权查看',
  'portal.notFoundHint': '门户账号只能查看本公司的账户。',
  'portal.toMyAccount': '返回我的账户',
  'portal.notLinked': '此登录未关联客户账户，请联系我们。',
  'portal.serviceRequirements': '服务要求',
  'portal.noRequirements': '暂无登记的服务要求',
  'portal.customerSince': '开户时间',
};

export const en: Record<keyof typeof zh, string> = {
  'portal.myAccount': 'My account',
  'portal.intro': "Your company's account as registered with us. To change anything, contact your account manager.",
  'portal.notFound': 'Account not found, or not yours',
  'portal.notFoundHint': "A portal login shows its own company's account only.",
  'portal.toMyAccount': 'Back to my account',
  'portal.notLinked': 'This login is not linked to a customer account; please contact us.',
  'portal.serviceRequirements': 'Service requirements',
  'portal.noRequirements': 'No service requirements recorded',
  'portal.customerSince': 'Customer since',
};
