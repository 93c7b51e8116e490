import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules.ts';

describe('password rules', () => {
  it('wants 12 characters, counted as characters, not bytes', () => {
    expect(passwordProblem('short pass1', 'ann@example.com')).toBe('too_short');
    expect(passwordProblem('ééééééééééé', 'ann@example.com')).toBe('too_short');
    expect(passwordProblem('a lovely long phrase', 'ann@example.com')).toBeNull();
    expect(passwordProblem('x'.repeat(257), 'ann@example.com')).toBe('too_long');
  });

  it('refuses common passwords whatever their case, also with digits or symbols added', () => {
    expect(passwordProblem('qwertyuiop123', 'ann@example.com')).toBe('common');
    expect(passwordProblem('1Q2W3E4R5T6Y', 'ann@example.com')).toBe('common');
    expect(passwordProblem('Password123456!!', 'ann@example.com')).toBe('common');
    expect(passwordProblem('Sunflower-Dune-42', 'ann@example.com')).toBeNull();
  });

  it('refuses the e-mail address or its name part', () => {
    expect(passwordProblem('annie.smith@example.com', 'Annie.Smith@example.com')).toBe('contains_email');
    expect(passwordProblem('annie.smith-2026', 'annie.smith@example.com')).toBe('contains_email');
  });
});
