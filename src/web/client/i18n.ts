/** Page labels in English and Chinese; `data-i18n` attributes name the keys. */
export type Lang = 'en' | 'zh';

const en = {
  title: 'peakshift — staffing planner',
  tagline: 'From an inquiry history to a costed shift plan and roster, on this computer.',
  language: '中文',
  stepHistory: '1. Inquiry history',
  dropHere: 'Drop an inquiry CSV here, or',
  pick: 'choose a file',
  useSample: 'Use the sample',
  csvHint: 'Columns: timestamp,inquiries (or date,hour,inquiries), optional queue. Chinese headers 时间/日期/小时/咨询量 work too.',
  range: 'Range',
  total: 'Total inquiries',
  perDay: 'per day',
  busiestDay: 'Busiest day',
  busiestHour: 'Busiest hour',
  missing: 'Missing hours',
  queues: 'Queues',
  dailyChart: 'Inquiries per day',
  stepSettings: '2. Plan settings',
  horizon: 'Horizon',
  from: 'from',
  to: 'to',
  outsourcing: 'Outsourcing share of agent-hours',
  outsourcingMin: 'at least',
  outsourcingMax: 'at most',
  pools: 'Pools',
  poolName: 'Pool',
  kind: 'Kind',
  inhouse: 'in-house',
  vendor: 'vendor',
  headcount: 'Headcount',
  rate: 'Rate',
  pricing: 'Pricing',
  maxPerDay: 'Max agents/day',
  queueTargets: 'Queues and targets',
  queueName: 'Queue',
  aht: 'AHT (s)',
  concurrency: 'Concurrency',
  serviceLevel: 'Service level',
  answerSeconds: 'Answer within (s)',
  configJson: 'Config JSON (what the CLI reads with --config)',
  applyJson: 'Apply JSON',
  runPlan: 'Run the plan',
  queued: 'Waiting in line, position',
  stage_parse: 'Reading inputs',
  stage_starting: 'Starting',
  stage_forecast: 'Forecasting demand',
  stage_requirements: 'Sizing staff (Erlang)',
  stage_plan: 'Solving the shift plan',
  stage_roster: 'Building the roster',
  stage_report: 'Writing the report',
  stage_done: 'Done',
  stage_queued: 'Queued',
  stepResults: '3. Results',
  noResults: 'Run a plan to see the results here.',
  totalCost: 'Total cost',
  shortfall: 'Shortfall agent-hours',
  outsourcedShare: 'Outsourced share',
  efficiency: 'Schedule efficiency',
  lowestSl: 'Lowest hourly service level',
  solver: 'Solver',
  coverageChart: 'Demand band and scheduled capacity',
  costChart: 'Cost by pool',
  rosterGrid: 'Roster',
  downloads: 'Downloads',
  required: 'required',
  scheduled: 'scheduled',
  demandBand: 'demand p10–p90',
  forecastLine: 'forecast (inquiries)',
  demandChart: 'Forecast inquiries per hour',
  historyError: 'The history could not be read',
  configError: 'The config has a problem',
  runError: 'The plan run failed',
  agent: 'Agent',
  showing: 'showing',
  of: 'of',
  rows: 'rows',
  needHistory: 'Upload a history first.',
  stepWhatIf: '4. What-if',
  whatIfHint: 'Scenarios in the scenario file format (overrides: volume, event, outsourcing, pool, queue, shrinkage, quantile); the base is the history and settings above.',
  runWhatIf: 'Compare the scenarios',
  comparison: 'Comparison',
  stage_whatif: 'Planning the scenarios',
};

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: 'peakshift — 客服排班规划',
  tagline: '从咨询量历史到带成本的排班计划和排班表，全部在本机完成。',
  language: 'English',
  stepHistory: '1. 咨询量历史',
  dropHere: '把咨询量 CSV 拖到这里，或',
  pick: '选择文件',
  useSample: '使用示例数据',
  csvHint: '列：timestamp,inquiries（或 date,hour,inquiries），可选 queue。也支持中文表头 时间/日期/小时/咨询量。',
  range: '时间范围',
  total: '咨询总量',
  perDay: '每天',
  busiestDay: '最忙的一天',
  busiestHour: '最忙的小时',
  missing: '缺失小时数',
  queues: '队列',
  dailyChart: '每日咨询量',
  stepSettings: '2. 规划设置',
  horizon: '规划期',
  from: '从',
  to: '到',
  outsourcing: '外包工时占比',
  outsourcingMin: '至少',
  outsourcingMax: '至多',
  pools: '人员池',
  poolName: '人员池',
  kind: '类型',
  inhouse: '自有',
  vendor: '外包商',
  headcount: '人数',
  rate: '费率',
  pricing: '计价方式',
  maxPerDay: '每日最多人数',
  queueTargets: '队列与服务目标',
  queueName: '队列',
  aht: '平均处理时长（秒）',
  concurrency: '并发会话数',
  serviceLevel: '服务水平',
  answerSeconds: '接起时限（秒）',
  configJson: '配置 JSON（即命令行 --config 读取的内容）',
  applyJson: '应用 JSON',
  runPlan: '运行规划',
  queued: '排队中，位置',
  stage_parse: '读取输入',
  stage_starting: '启动中',
  stage_forecast: '预测咨询量',
  stage_requirements: '计算人力需求（Erlang）',
  stage_plan: '求解排班计划',
  stage_roster: '生成排班表',
  stage_report: '生成报告',
  stage_done: '完成',
  stage_queued: '排队中',
  stepResults: '3. 结果',
  noResults: '运行规划后在这里查看结果。',
  totalCost: '总成本',
  shortfall: '人力缺口（人时）',
  outsourcedShare: '外包占比',
  efficiency: '排班效率',
  lowestSl: '最低小时服务水平',
  solver: '求解器',
  coverageChart: '需求区间与排班产能',
  costChart: '各人员池成本',
  rosterGrid: '排班表',
  downloads: '下载',
  required: '需求',
  scheduled: '已排',
  demandBand: '需求 p10–p90',
  forecastLine: '预测咨询量',
  demandChart: '每小时预测咨询量',
  historyError: '无法读取历史数据',
  configError: '配置有问题',
  runError: '规划运行失败',
  agent: '坐席',
  showing: '显示',
  of: '共',
  rows: '行',
  needHistory: '请先上传历史数据。',
  stepWhatIf: '4. 假设分析',
  whatIfHint: '按场景文件格式填写场景（覆盖项：volume、event、outsourcing、pool、queue、shrinkage、quantile）；基准为上面的历史数据和设置。',
  runWhatIf: '对比场景',
  comparison: '场景对比',
  stage_whatif: '规划各场景',
};

const tables: Record<Lang, Record<Key, string>> = { en, zh };

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

export function t(key: Key): string {
  return tables[current][key];
}

export function hasKey(key: string): key is Key {
  return key in en;
}

/** Rewrite every element that carries `data-i18n` (text) or `data-i18n-title`. */
export function applyLabels(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    const key = el.dataset.i18n ?? '';
    if (hasKey(key)) el.textContent = t(key);
  });
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
}
