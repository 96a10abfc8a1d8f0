/** The language of the files and summaries for people: --lang, config language, the system locale, English. */
import { runCli } from '../helpers/cli';
import { tempDir, tempFile } from '../helpers/paths';
import { resolveLang } from '../../src/cli/lang';
import { CATALOGUE, eventName, langFromLocale, pricingModelName, tr } from '../../src/domain/i18n';
import { parseConfig } from '../../src/config';

describe('langFromLocale', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'zh_TW' }, 'zh'],
    [{ LANG: 'zh' }, 'zh'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{}, 'en'],
    [{ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh'],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US' }, 'zh'],
    [{ LANG: 'zu_ZA.UTF-8' }, 'en'],
  ])('%j → %s', (env, lang) => {
    expect(langFromLocale(env)).toBe(lang);
  });
});

describe('resolveLang', () => {
  it('takes --lang first, then the config, then the locale', () => {
    expect(resolveLang('en', 'zh', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, 'zh', { LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(resolveLang(undefined, undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(resolveLang(undefined, undefined, {})).toBe('en');
  });

  it('refuses another language on the command line and in the config', async () => {
    const r = await runCli(['plan', '--config', tempFile('c.json', '{}'), '--requirements', 'x.csv', '--lang', 'fr', '--out-dir', `${tempDir()}/o`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --lang "fr": expected zh or en\n');
    expect(() => parseConfig({ language: 'fr' })).toThrow('language: expected en or zh');
  });
});

describe('the catalogue', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const placeholders = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
    expect(Object.keys(CATALOGUE.zh).sort()).toEqual(Object.keys(CATALOGUE.en).sort());
    for (const key of Object.keys(CATALOGUE.en) as Array<keyof typeof CATALOGUE.en>) {
      expect(CATALOGUE.zh[key].trim()).not.toBe('');
      expect([key, placeholders(CATALOGUE.zh[key])]).toEqual([key, placeholders(CATALOGUE.en[key])]);
    }
  });

  it('names events, pricing models and figures in Chinese', () => {
    expect(['double-11', 'dragon-boat', 'mid-autumn', 'spring-festival', '618'].map((e) => eventName('zh', e))).toEqual(['双十一', '端午节', '中秋节', '春节', '618']);
    expect(eventName('zh', 'my-sale')).toBe('my-sale');
    expect(pricingModelName('zh', 'perSeatShift')).toBe('按席位班次');
    expect(pricingModelName('en', 'perSeatShift')).toBe('per seat-shift');
    expect(tr('zh', 'horizonValue', { start: '2026-11-10', end: '2026-11-12', days: 3 })).toBe('2026-11-10 .. 2026-11-12（3 天）');
  });
});
