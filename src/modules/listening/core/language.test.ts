import { beforeAll, describe, expect, it } from 'vitest';
import { detectLanguage, identifyLanguage, loadLanguageModel } from './language.ts';
import { normalizePost } from './tokenize.ts';

// Runs first (vitest runs describe blocks in order), while the model is still unloaded.
describe('language model loading', () => {
  it('refuses to guess before the model is loaded, then loads it once', async () => {
    expect(() => detectLanguage('the app has been awful since yesterday')).toThrow(/loadLanguageModel/);
    await Promise.all([loadLanguageModel(), loadLanguageModel()]);
    expect(detectLanguage('the app has been awful since yesterday')).toBe('en');
  });
});

describe('language identification', () => {
  beforeAll(() => loadLanguageModel());
  it('tells Spanish from English on short posts written for this test', () => {
    const spanish = [
      'No me gusta nada el nuevo diseño',
      '¿Alguien sabe si abren mañana?',
      'qué buen servicio, gracias',
      'la app va fatal desde ayer',
      'me encanta esta tienda 😍',
    ];
    const english = [
      'I do not like the new design',
      'does anyone know if they open tomorrow?',
      'great service, thanks',
      'the app has been awful since yesterday',
      'love this store 😍',
    ];
    for (const text of spanish) expect(detectLanguage(text), text).toBe('es');
    for (const text of english) expect(detectLanguage(text), text).toBe('en');
  });
  it('says und for posts without words and other for other languages', () => {
    expect(detectLanguage('🔥🔥 @acme https://acme.com')).toBe('und');
    expect(detectLanguage('Merci beaucoup pour votre aide, à bientôt')).toBe('other');
    expect(detectLanguage('Vielen Dank für die schnelle Lieferung')).toBe('other');
  });
  it('decides clear cases with function words', () => {
    expect(identifyLanguage('the price of the phone is too high').method).toBe('stopwords');
  });
  it("gives the same answer from the pipeline's tokens as from the text", () => {
    const texts = [
      'No me gusta nada el nuevo diseño de @acme https://acme.com/x',
      '#Verano en la playa con amigos 😎',
      'the app has been awful since yesterday #fail',
      'Merci beaucoup pour votre aide',
      '🔥🔥 @acme',
      'Obrigado pela ajuda, até logo',
      'ok',
      'RT @user: great deal on phones today',
    ];
    for (const text of texts) expect(detectLanguage(text, normalizePost({ text }).tokens), text).toBe(detectLanguage(text));
  });
});
