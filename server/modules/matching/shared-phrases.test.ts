import { describe, expect, it } from 'vitest';
import { sharedPhrases } from './shared-phrases.js';

describe('shared phrases', () => {
  const flat = () => 1;
  it('names the longest runs both texts contain, most distinctive first', () => {
    const p = sharedPhrases('高镍正极材料的表面包覆改性，提升循环寿命', '寻求正极材料包覆技术，要求循环寿命提升', flat);
    expect(p.map((x) => x.text)).toEqual(['循环寿命', '正极材料', '包覆', '提升']); // equal weights: in code-point order
  });
  it('weighs rare bigrams above common ones and never repeats a part of a longer phrase', () => {
    const rarity = (bg: string) => (bg === '技术' ? 0.1 : 3);
    const p = sharedPhrases('钙钛矿技术与技术服务', '钙钛矿电池技术', rarity);
    expect(p.map((x) => x.text)).toEqual(['钙钛矿', '技术']);
    expect(sharedPhrases('锂电池正极', '高镍锂电池正极包覆', rarity).map((x) => x.text)).toEqual(['锂电池正极']);
  });
  it('matches letter-and-digit words regardless of case and width', () => {
    expect(sharedPhrases('NCM811 正极', '适用于ｎｃｍ８１１体系', flat).map((x) => x.text)).toEqual(['ncm811']);
  });
  it('finds nothing in unrelated texts', () => {
    expect(sharedPhrases('水稻育种', '钢结构焊接', flat)).toEqual([]);
  });
});
