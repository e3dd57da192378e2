import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyTexts, csvColumn, linesOf } from './listening-commands.ts';

async function collect(texts: AsyncIterable<string>) {
  const out = new PassThrough();
  let written = '';
  out.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  await classifyTexts(texts, out);
  return written
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { lang: string; sentiment: string; score: number });
}

describe('plaza classify', () => {
  it('writes one JSON line per stdin line with lang, sentiment and score', async () => {
    const lines = await collect(
      linesOf(Readable.from(['Me encanta este producto, es genial\nThis is the worst service ever\nno me gusta nada\n'])),
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ lang: 'es', sentiment: 'positive' });
    expect(lines[1]).toMatchObject({ lang: 'en', sentiment: 'negative' });
    expect(lines[2]).toMatchObject({ lang: 'es', sentiment: 'negative' });
    expect(lines[1].score).toBeLessThan(-0.05);
  });

  it('reads a named CSV column and refuses a missing one', async () => {
    const csv = 'id,comment\n1,"Not bad at all, I really like it"\n2,"Qué desastre, pésimo"\n';
    const lines = await collect(csvColumn(Readable.from([csv]), 'comment'));
    expect(lines.map((l) => l.sentiment)).toEqual(['positive', 'negative']);
    await expect(collect(csvColumn(Readable.from([csv]), 'texto'))).rejects.toThrow(/No column "texto"/);
  });
});
