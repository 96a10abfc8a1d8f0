/** Page labels in English and Chinese from the shared catalogue (src/domain/i18n.ts); `data-i18n` attributes name the keys. */
import { CATALOGUE, isTextKey, tr, translateMessage, type Lang, type TextKey } from '../../domain/i18n.js';

export type { Lang };
export type Key = TextKey;

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

export function t(key: Key): string {
  return CATALOGUE[current][key];
}

/** The text of `key` with its `{name}` placeholders filled. */
export function tv(key: Key, vars: Readonly<Record<string, string | number>>): string {
  return tr(current, key, vars);
}

/** A message from the server (an error, a note) in the page's language, where the catalogue knows it. */
export function msg(text: string): string {
  return translateMessage(current, text);
}

/** An instant (ISO, UTC) as the local time it was here, `2026-12-04 18:55`. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function hasKey(key: string): key is Key {
  return isTextKey(key);
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
