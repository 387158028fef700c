// Strings of logging in and passwords: zh is the source, en must have every key (tsc checks); both are merged
// into the console's tables in app/i18n.
export const zh = {
  'password.title': '修改密码',
  'password.submit': '修改',
  'password.changed': '密码已修改',
  'login.title': '登录',
  'login.login': '登录名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.required': '请输入{field}',
  'login.failed': '登录失败',
  'login.mustChange': '首次登录请修改一次性密码',
  'login.newPassword': '新密码',
  'login.currentPassword': '当前密码',
  'login.changeSubmit': '修改密码',
  'login.passwordTooShort': '密码至少 12 个字符',
};

export const en: Record<keyof typeof zh, string> = {
  'password.title': 'Change password',
  'password.submit': 'Change',
  'password.changed': 'Password changed',
  'login.title': 'Log in',
  'login.login': 'Login',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.required': 'Enter your {field}',
  'login.failed': 'Login failed',
  'login.mustChange': 'First login: change your one-time password',
  'login.newPassword': 'New password',
  'login.currentPassword': 'Current password',
  'login.changeSubmit': 'Change password',
  'login.passwordTooShort': 'At least 12 characters',
};
