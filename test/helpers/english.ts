/**
 * English left in a Chinese output: the phrases of the catalogue's English
 * side (src/domain/i18n.ts) that the Chinese side does not share. A phrase is
 * a template's text between its placeholders with at least two words, so
 * names people choose (a pool called in-house, a shift called day) never
 * count.
 */
import { CATALOGUE, type TextKey } from '../../src/domain/i18n';

function phrases(): string[] {
  const out = new Set<string>();
  for (const key of Object.keys(CATALOGUE.en) as TextKey[]) {
    const zh = CATALOGUE.zh[key];
    for (const part of CATALOGUE.en[key].split(/\{\w+\}/)) {
      const phrase = part.trim().replace(/^[\s,.;:()'"-]+|[\s,.;:()'"-]+$/g, '');
      if (phrase.length >= 8 && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(phrase) && !zh.includes(phrase)) out.add(phrase);
    }
  }
  return [...out];
}

export const ENGLISH_PHRASES: readonly string[] = phrases();

/** The catalogue's English phrases found in `text`. */
export function englishIn(text: string): string[] {
  return ENGLISH_PHRASES.filter((p) => text.includes(p));
}
