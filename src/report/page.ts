/** The start of every self-contained HTML page peakshift writes besides report.html (inline CSS, no scripts, no network). */
import type { Lang } from '../domain/i18n';
import { escapeXml } from './format';

const FONT = 'system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif';

/** Rules shared by the pages of tables and charts: the body at most `maxWidthPx` wide, compact right-aligned cells. */
export function tablePageCss(maxWidthPx: number): string[] {
  return [`body{font-family:${FONT};margin:16px;color:#222;max-width:${maxWidthPx}px}`, 'table{border-collapse:collapse;font-size:13px;margin:12px 0}', 'th,td{border:1px solid #ddd;padding:3px 6px;text-align:right;white-space:nowrap}'];
}

/** `<!doctype html>` through `<body>`: the language, the title and the page's CSS rules, one per line. */
export function htmlHead(lang: Lang, title: string, css: readonly string[]): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
${css.join('\n')}
</style></head><body>`;
}
