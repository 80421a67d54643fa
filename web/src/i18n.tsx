/**
 * UI strings, Chinese first. `zh` is the source of keys; `en` must cover every key (the type
 * says so). Vocabulary labels (企业, 高新技术企业, …) come from common/vocabulary.ts and fall
 * back to a readable code name in English.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const zh = {
  'app.title': '技术转移体系平台',
  'app.short': '技术转移',
  'lang.zh': '中文',
  'lang.en': 'English',

  'nav.organizations': '机构库',
  'nav.people': '人员库',
  'nav.platforms': '研发平台与载体',
  'nav.import': '数据导入',
  'nav.audit': '审计日志',

  'header.jurisdiction': '辖区',
  'header.logout': '退出登录',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',

  'common.search': '搜索',
  'common.reset': '重置',
  'common.edit': '编辑',
  'common.create': '新建',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.back': '返回',
  'common.add': '添加',
  'common.remove': '删除',
  'common.yes': '是',
  'common.no': '否',
  'common.none': '无',
  'common.all': '全部',
  'common.demo': '演示数据',
  'common.total': '共 {n} 条',
  'common.loading': '加载中…',
  'common.saved': '已保存',
  'common.created': '已创建',
  'common.retry': '重试',
  'common.basic': '基本信息',
  'common.actions': '操作',
  'common.conflict': '该记录已被他人修改，请刷新后重新编辑',
  'common.reload': '刷新',
  'common.formHasErrors': '请按提示修改后再保存',
  'common.loadFailed': '加载失败',
  'common.createdAt': '创建时间',
  'common.updatedAt': '更新时间',
  'common.version': '版本',

  'org.searchPlaceholder': '搜索名称或统一社会信用代码',
  'org.new': '新建机构',
  'org.edit': '编辑机构',
  'org.name': '名称',
  'org.uscc': '统一社会信用代码',
  'org.kind': '类型',
  'org.division': '行政区划',
  'org.divisionCode': '行政区划代码',
  'org.address': '地址',
  'org.industries': '行业',
  'org.serviceTypes': '服务类型',
  'org.qualifications': '资质',
  'org.rdFiled': '新型研发机构已备案',
  'org.rdFiledOn': '备案日期',
  'org.legalRepresentative': '法定代表人',
  'org.actualController': '实际控制人',
  'org.contacts': '联系人',
  'org.equityHolders': '股东',
  'org.platforms': '承建平台',
  'org.filterKind': '机构类型',
  'org.filterDivision': '行政区划',
  'org.filterIndustry': '行业',
  'org.filterQualification': '资质',
  'org.filterValidOn': '资质有效日期（默认今天）',
  'org.addQualification': '添加资质',

  'qual.type': '资质类型',
  'qual.number': '证书/登记编号',
  'qual.level': '级别',
  'qual.issuedOn': '发证/登记日期',
  'qual.validUntil': '有效期至',
  'qual.validUntilHint': '不填则自动计算（高新技术企业3年，科技型中小企业至当年年底）',
  'qual.status': '状态',
  'qual.valid': '有效',
  'qual.expired': '已过期',
  'qual.notYet': '未生效',
  'qual.indefinite': '长期有效',

  'equity.holder': '股东',
  'equity.holderType': '股东类型',
  'equity.percent': '持股比例',
  'equity.edit': '编辑股东',
  'equity.add': '添加股东',
  'equity.total': '合计',
  'equity.hint': '保存后替换该机构的全部股东；持股比例最多两位小数，合计不超过 100%。',

  'contact.name': '姓名',
  'contact.title': '职务',
  'contact.phone': '电话',
  'contact.email': '邮箱',
  'contact.add': '添加联系人',

  'person.searchPlaceholder': '搜索姓名',
  'person.new': '新建人员',
  'person.edit': '编辑人员',
  'person.name': '姓名',
  'person.idNumber': '身份证号码',
  'person.idNumberMasked': '身份证号码',
  'person.idNumberNew': '身份证号码（不修改请留空）',
  'person.phone': '电话',
  'person.roles': '身份',
  'person.role': '身份',
  'person.certificateNumber': '证书编号',
  'person.level': '等级',
  'person.employment': '专职/兼职',
  'person.affiliations': '任职机构',
  'person.organization': '机构',
  'person.title': '职务',
  'person.filterRole': '身份',
  'person.filterOrganization': '所在机构',
  'person.addRole': '添加身份',
  'person.addAffiliation': '添加任职',

  'platform.searchPlaceholder': '搜索平台名称',
  'platform.new': '新建平台',
  'platform.edit': '编辑平台',
  'platform.name': '名称',
  'platform.type': '类型',
  'platform.level': '级别',
  'platform.host': '依托单位',
  'platform.recognizedOn': '认定日期',
  'platform.revokedOn': '撤销日期',
  'platform.documentNumber': '认定文号',
  'platform.status': '状态',
  'platform.active': '有效',
  'platform.revoked': '已撤销',
  'platform.filterActiveOn': '在该日期有效',

  'audit.tab': '审计记录',
  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.subject': '对象',
  'audit.subjectType': '对象类型',
  'audit.subjectId': '对象ID',
  'audit.changes': '变更内容',
  'audit.field': '字段',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.ip': 'IP',
  'audit.noChanges': '无字段变化',
  'audit.value': '值',
  'audit.f.displayName': '显示名称',
  'audit.f.organizationIds': '所属机构',
  'audit.f.failures': '连续失败次数',
  'audit.f.locked': '已锁定',
  'audit.forbidden': '您没有查看审计记录的权限',
  'audit.type.organization': '机构',
  'audit.type.person': '人员',
  'audit.type.platform': '研发平台',
  'audit.type.user': '用户',
  'audit.type.import': '数据导入',
  'action.registry.organization.create': '新建机构',
  'action.registry.organization.update': '修改机构',
  'action.registry.person.create': '新建人员',
  'action.registry.person.update': '修改人员',
  'action.registry.platform.create': '新建平台',
  'action.registry.platform.update': '修改平台',
  'action.registry.qualification.create': '新增资质',
  'action.registry.equity.replace': '设置股东',
  'action.registry.import': '数据导入',
  'action.auth.login': '登录',
  'action.auth.logout': '退出登录',
  'action.auth.login.fail': '登录失败',
  'action.auth.user.lock': '账号锁定',
  'action.auth.user.create': '新建用户',
  'audit.verb.create': '新建',
  'audit.verb.update': '修改',
  'audit.verb.delete': '删除',
  'audit.verb.import': '导入',
  'audit.verb.login': '登录',
  'audit.verb.logout': '退出',

  'import.title': '数据导入',
  'import.kind': '导入内容',
  'import.kind.organizations': '机构',
  'import.kind.people': '人员',
  'import.kind.platforms': '研发平台',
  'import.kind.qualifications': '资质',
  'import.kind.equity': '股权',
  'import.choose': '选择 .csv 或 .xlsx 文件',
  'import.hint': '整份文件校验通过才会导入；有任何一行错误，全部数据都不导入。',
  'import.template': '列说明与模板：',
  'import.uploading': '正在上传并校验…',
  'import.phase.reading': '服务器正在读取文件…',
  'import.phase.validating': '正在逐行校验…',
  'import.phase.writing': '正在写入',
  'import.phase.done': '写入完成',
  'import.phase.failed': '导入未完成',
  'import.success': '导入完成',
  'import.created': '新增',
  'import.updated': '更新',
  'import.unchanged': '未变',
  'import.total': '合计',
  'import.invalid': '导入未执行：发现 {n} 行错误，全部数据未导入',
  'import.line': '行号',
  'import.column': '列',
  'import.value': '值',
  'import.reason': '原因',
  'import.failed': '导入失败',
  'import.badType': '只支持 .csv 或 .xlsx 文件',

  'error.403.title': '无权访问',
  'error.403.text': '您的账号没有访问此页面的权限。',
  'error.404.title': '页面不存在',
  'error.404.text': '您访问的页面不存在或已被删除。',
  'error.home': '返回首页',
  'error.notFoundRecord': '记录不存在',

  'home.welcome': '欢迎，{name}',
  'home.text': '请从左侧菜单选择要使用的功能。',
  'home.nothing': '您的账号暂无可用功能，请联系系统管理员。',

  'field.required': '请填写{label}',
  'field.invalid': '{label}格式不正确',
} as const;

export type MessageKey = keyof typeof zh;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

const en: Record<MessageKey, string> = {
  'app.title': 'Technology Transfer Platform',
  'app.short': 'Tech Transfer',
  'lang.zh': '中文',
  'lang.en': 'English',

  'nav.organizations': 'Organizations',
  'nav.people': 'People',
  'nav.platforms': 'R&D platforms',
  'nav.import': 'Data import',
  'nav.audit': 'Audit log',

  'header.jurisdiction': 'Jurisdiction',
  'header.logout': 'Log out',

  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',

  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.edit': 'Edit',
  'common.create': 'New',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.add': 'Add',
  'common.remove': 'Remove',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': 'None',
  'common.all': 'All',
  'common.demo': 'Demo data',
  'common.total': '{n} in total',
  'common.loading': 'Loading…',
  'common.saved': 'Saved',
  'common.created': 'Created',
  'common.retry': 'Retry',
  'common.basic': 'Basic information',
  'common.actions': 'Actions',
  'common.conflict': 'Someone else changed this record; reload and edit again',
  'common.reload': 'Reload',
  'common.formHasErrors': 'Please correct the marked fields',
  'common.loadFailed': 'Failed to load',
  'common.createdAt': 'Created',
  'common.updatedAt': 'Updated',
  'common.version': 'Version',

  'org.searchPlaceholder': 'Search name or unified social credit code',
  'org.new': 'New organization',
  'org.edit': 'Edit organization',
  'org.name': 'Name',
  'org.uscc': 'Unified social credit code',
  'org.kind': 'Kind',
  'org.division': 'Division',
  'org.divisionCode': 'Division code',
  'org.address': 'Address',
  'org.industries': 'Industries',
  'org.serviceTypes': 'Service types',
  'org.qualifications': 'Qualifications',
  'org.rdFiled': 'Filed new R&D institution',
  'org.rdFiledOn': 'Filed on',
  'org.legalRepresentative': 'Legal representative',
  'org.actualController': 'Actual controller',
  'org.contacts': 'Contacts',
  'org.equityHolders': 'Equity holders',
  'org.platforms': 'Platforms hosted',
  'org.filterKind': 'Kind',
  'org.filterDivision': 'Division',
  'org.filterIndustry': 'Industry',
  'org.filterQualification': 'Qualification',
  'org.filterValidOn': 'Valid on (default today)',
  'org.addQualification': 'Add qualification',

  'qual.type': 'Type',
  'qual.number': 'Certificate / registration no.',
  'qual.level': 'Level',
  'qual.issuedOn': 'Issued on',
  'qual.validUntil': 'Valid until',
  'qual.validUntilHint': 'Derived when empty (high-tech: 3 years; tech SME: to year end)',
  'qual.status': 'Status',
  'qual.valid': 'Valid',
  'qual.expired': 'Expired',
  'qual.notYet': 'Not yet valid',
  'qual.indefinite': 'Until revoked',

  'equity.holder': 'Holder',
  'equity.holderType': 'Holder type',
  'equity.percent': 'Share',
  'equity.edit': 'Edit holders',
  'equity.add': 'Add holder',
  'equity.total': 'Total',
  'equity.hint': 'Saving replaces all holders of this organization; shares have at most two decimals and add up to 100 % at most.',

  'contact.name': 'Name',
  'contact.title': 'Title',
  'contact.phone': 'Phone',
  'contact.email': 'Email',
  'contact.add': 'Add contact',

  'person.searchPlaceholder': 'Search name',
  'person.new': 'New person',
  'person.edit': 'Edit person',
  'person.name': 'Name',
  'person.idNumber': 'ID number',
  'person.idNumberMasked': 'ID number',
  'person.idNumberNew': 'ID number (leave empty to keep)',
  'person.phone': 'Phone',
  'person.roles': 'Roles',
  'person.role': 'Role',
  'person.certificateNumber': 'Certificate no.',
  'person.level': 'Level',
  'person.employment': 'Employment',
  'person.affiliations': 'Affiliations',
  'person.organization': 'Organization',
  'person.title': 'Title',
  'person.filterRole': 'Role',
  'person.filterOrganization': 'Organization',
  'person.addRole': 'Add role',
  'person.addAffiliation': 'Add affiliation',

  'platform.searchPlaceholder': 'Search platform name',
  'platform.new': 'New platform',
  'platform.edit': 'Edit platform',
  'platform.name': 'Name',
  'platform.type': 'Type',
  'platform.level': 'Level',
  'platform.host': 'Host organization',
  'platform.recognizedOn': 'Recognized on',
  'platform.revokedOn': 'Revoked on',
  'platform.documentNumber': 'Document no.',
  'platform.status': 'Status',
  'platform.active': 'Active',
  'platform.revoked': 'Revoked',
  'platform.filterActiveOn': 'Active on',

  'audit.tab': 'Audit trail',
  'audit.title': 'Audit log',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.subject': 'Subject',
  'audit.subjectType': 'Subject type',
  'audit.subjectId': 'Subject ID',
  'audit.changes': 'Changes',
  'audit.field': 'Field',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.ip': 'IP',
  'audit.noChanges': 'No field changed',
  'audit.value': 'Value',
  'audit.f.displayName': 'Display name',
  'audit.f.organizationIds': 'Organizations',
  'audit.f.failures': 'Failed attempts',
  'audit.f.locked': 'Locked',
  'audit.forbidden': 'You may not read the audit log',
  'audit.type.organization': 'Organization',
  'audit.type.person': 'Person',
  'audit.type.platform': 'Platform',
  'audit.type.user': 'User',
  'audit.type.import': 'Import',
  'action.registry.organization.create': 'Create organization',
  'action.registry.organization.update': 'Update organization',
  'action.registry.person.create': 'Create person',
  'action.registry.person.update': 'Update person',
  'action.registry.platform.create': 'Create platform',
  'action.registry.platform.update': 'Update platform',
  'action.registry.qualification.create': 'Add qualification',
  'action.registry.equity.replace': 'Set equity holders',
  'action.registry.import': 'Import',
  'action.auth.login': 'Log in',
  'action.auth.logout': 'Log out',
  'action.auth.login.fail': 'Login failed',
  'action.auth.user.lock': 'Account locked',
  'action.auth.user.create': 'Create user',
  'audit.verb.create': 'Create',
  'audit.verb.update': 'Update',
  'audit.verb.delete': 'Delete',
  'audit.verb.import': 'Import',
  'audit.verb.login': 'Log in',
  'audit.verb.logout': 'Log out',

  'import.title': 'Data import',
  'import.kind': 'What to import',
  'import.kind.organizations': 'Organizations',
  'import.kind.people': 'People',
  'import.kind.platforms': 'R&D platforms',
  'import.kind.qualifications': 'Qualifications',
  'import.kind.equity': 'Equity',
  'import.choose': 'Choose a .csv or .xlsx file',
  'import.hint': 'The file is imported only when every row is valid; any error means nothing is imported.',
  'import.template': 'Columns and template: ',
  'import.uploading': 'Uploading and checking…',
  'import.phase.reading': 'The server is reading the file…',
  'import.phase.validating': 'Checking every row…',
  'import.phase.writing': 'Writing',
  'import.phase.done': 'Written',
  'import.phase.failed': 'Import not completed',
  'import.success': 'Import finished',
  'import.created': 'Created',
  'import.updated': 'Updated',
  'import.unchanged': 'Unchanged',
  'import.total': 'Total',
  'import.invalid': 'Nothing imported: {n} rows have errors',
  'import.line': 'Line',
  'import.column': 'Column',
  'import.value': 'Value',
  'import.reason': 'Reason',
  'import.failed': 'Import failed',
  'import.badType': 'Only .csv or .xlsx files are accepted',

  'error.403.title': 'Forbidden',
  'error.403.text': 'Your account may not open this page.',
  'error.404.title': 'Page not found',
  'error.404.text': 'The page does not exist or was removed.',
  'error.home': 'Home',
  'error.notFoundRecord': 'Record not found',

  'home.welcome': 'Welcome, {name}',
  'home.text': 'Choose a function from the menu on the left.',
  'home.nothing': 'Your account has no functions yet; ask the administrator.',

  'field.required': '{label} is required',
  'field.invalid': '{label} is not valid',
};

export type Lang = 'zh-CN' | 'en';
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };
const STORAGE_KEY = 'tt_lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Label of a vocabulary code: Chinese label, or the code made readable in English. */
  vocab: (vocabulary: { label: (code: string) => string }, code: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function readableCode(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        /* private mode: the choice lasts for this page only */
      }
    },
    [],
  );
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    const t: Translate = (key, vars) => {
      const text = dict[key] ?? zh[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
    };
    const vocab: I18n['vocab'] = (vocabulary, code) => {
      if (code === null || code === undefined || code === '') return '';
      return lang === 'zh-CN' ? vocabulary.label(code) : readableCode(code);
    };
    return { lang, setLang, t, vocab };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
