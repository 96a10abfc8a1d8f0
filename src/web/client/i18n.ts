/** Page labels in English and Chinese from the shared catalogue (src/domain/i18n.ts); `data-i18n` attributes name the keys. */
import { CATALOGUE, isTextKey, type Lang, type TextKey } from '../../domain/i18n.js';

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
