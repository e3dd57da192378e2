import { beforeAll, describe, expect, it } from 'vitest';
import { createPipeline } from './pipeline.ts';
import { loadLanguageModel } from './language.ts';

describe('pipeline', () => {
  beforeAll(() => loadLanguageModel());
  it('normalizes, de-duplicates, detects language, matches and scores sentiment', () => {
    const pipeline = createPipeline({
      queries: [
        { id: 'brand', query: 'acme OR @acme' },
        { id: 'es', query: 'acme lang:es' },
      ],
    });
    const first = pipeline.process({ id: '1', text: 'No me gusta nada el nuevo móvil de @Acme, qué decepción', url: 'https://acme.com/x' });
    expect(first.lang).toBe('es');
    expect(first.matches).toEqual(['brand']); // @acme is the handle; `acme` in lang:es needs the word
    expect(first.sentiment?.label).toBe('negative');
    const again = pipeline.process({ id: '2', text: 'otra vez', url: 'https://acme.com/x?utm_source=y' });
    expect(again.duplicateOf).toBe('1');
    const english = pipeline.process({ id: '3', text: 'I love my new Acme phone', lang: 'en-US' });
    expect(english).toMatchObject({ lang: 'en', matches: ['brand'] });
    expect(english.sentiment?.label).toBe('positive');
    expect(pipeline.process({ id: '4', text: 'nothing to see here' }).sentiment).toBeNull();
  });
});
