import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it('ships the 10,000 most common passwords', () => {
    const lines = fs
      .readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(10_000);
    expect(lines.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });

  it('needs 12 characters, counted as characters, not bytes', () => {
    expect(passwordProblem('short')).toBe('password_too_short');
    expect(passwordProblem('ñandú ñandú')).toBe('password_too_short'); // 11 characters, 15 bytes
    expect(passwordProblem('ñandú ñandú!')).toBeNull();
    expect(passwordProblem(`${'x'.repeat(201)}yz`)).toBe('password_too_long');
  });

  it('refuses common passwords, padded ones, repeated characters and the e-mail name', () => {
    for (const weak of [
      'qwerty123456',
      '1qaz2wsx3edc',
      'Password1234',
      'password12345678',
      '!!dragon2024!!',
      'aaaaaaaaaaaa',
      '123456789012',
      '111222333444',
      'ana.garcia1990',
    ]) {
      expect(passwordProblem(weak, { email: 'ana.garcia@example.com' }), weak).toBe('password_too_common');
    }
    for (const fine of ['correct horse battery', 'una clave muy larga', 'Tr3s-tigres-tristes'])
      expect(passwordProblem(fine), fine).toBeNull();
  });
});
