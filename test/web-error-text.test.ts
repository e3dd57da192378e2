// The web app's text of server errors, in Spanish and English, by code (no English in the Spanish UI).
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../web/src/api/client.ts';
import { apiErrorText, networkReasonText } from '../web/src/shared/api-error-text.ts';
import { formatDuration, formatNumber, formatPercent } from '../web/src/shared/format.ts';
import { en } from '../web/src/i18n/en.ts';
import { es } from '../web/src/i18n/es.ts';

beforeAll(async () => {
  await i18next.init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'es',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

const inLanguage = async (language: 'es' | 'en', error: unknown) => {
  await i18next.changeLanguage(language);
  return apiErrorText(error);
};

describe('server errors read in the UI language', () => {
  it('a wrong password', async () => {
    const error = new ApiError(401, 'invalid_credentials', 'Wrong e-mail or password', null);
    expect(await inLanguage('es', error)).toBe('Correo o contraseña incorrectos.');
    expect(await inLanguage('en', error)).not.toMatch(/[áéíóú]/);
  });

  it('a rate limit says the wait in words, seconds or minutes', async () => {
    const error = new ApiError(429, 'too_many_attempts', 'Too many sign-in attempts; try again in 56 s', { retryAfterSeconds: 56 });
    expect(await inLanguage('es', error)).toBe('Demasiados intentos. Vuelve a intentarlo dentro de 56 segundos.');
    expect(await inLanguage('en', error)).toBe('Too many attempts. Try again in 56 seconds.');
    const long = new ApiError(429, 'too_many_attempts', '…', { retryAfterSeconds: 900 });
    expect(await inLanguage('es', long)).toBe('Demasiados intentos. Vuelve a intentarlo dentro de 15 minutos.');
  });

  it('a validation error names the field and what is wrong with it', async () => {
    const error = new ApiError(400, 'validation_failed', 'Invalid body', [
      { path: '/email', issue: 'invalid_format', message: 'Invalid email' },
    ]);
    expect(await inLanguage('es', error)).toBe('Revisa «Correo»: no tiene el formato correcto');
    expect(await inLanguage('en', error)).toBe('Check “E-mail”: not in the right format');
  });

  it('a channel that cannot connect names the network and the reason, not "ENOTFOUND"', async () => {
    const error = new ApiError(400, 'connection_failed', 'Could not connect: Mastodon unreachable: ENOTFOUND', {
      code: 'unreachable',
      network: 'mastodon',
    });
    const text = await inLanguage('es', error);
    expect(text).toBe('No se pudo conectar con Mastodon. No se pudo contactar con el servidor. Revisa la dirección e inténtalo de nuevo.');
    expect(text).not.toMatch(/ENOTFOUND|Could not/);
  });

  it('a state in the details is translated too', async () => {
    const error = new ApiError(409, 'transition_not_allowed', 'Cannot reject a draft post', { transition: 'reject', from: 'draft' });
    expect(await inLanguage('es', error)).toBe('No se puede hacer con una publicación en estado «Borrador».');
  });

  it('an unknown code falls back to the text of its status, never the server’s English', async () => {
    expect(await inLanguage('es', new ApiError(409, 'brand_new_code', 'Some English', null))).toBe(
      'No se puede hacer en el estado actual. Recarga la página y vuelve a intentarlo.',
    );
  });

  it('network refusal reasons, including HTTP statuses', async () => {
    await i18next.changeLanguage('es');
    expect(networkReasonText('http_503')).toBe('La red respondió con el error 503.');
    expect(networkReasonText('invalid_token')).toBe('El token de acceso ya no es válido: reconecta el canal.');
    expect(networkReasonText('something_new')).toBe('La red lo rechazó (something_new).');
  });
});

describe('numbers follow the UI language', () => {
  it('decimals, percentages and durations', () => {
    expect(formatNumber(28.21, 'es')).toBe('28,21');
    expect(formatNumber(28.21, 'en')).toBe('28.21');
    expect(formatNumber(12345.6, 'es')).toBe('12.345,6');
    expect(formatPercent(0.2821, 'es')).toBe('28,2\u00a0%');
    expect(formatPercent(0.2821, 'en')).toBe('28.2%');
    expect(formatDuration(56, 'es')).toBe('56 segundos');
  });
});
