import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id through @node-rs/argon2 (prebuilt native binaries, no install script, no compiler).
 * The rules answer a lesson of the program (docs/PROGRAM.md, "Lessons and how Kaejon answers them"): no short, numeric-only (dates of birth) or name-based passwords.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a password is unacceptable, or null when it is fine. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'password must be at least 10 characters';
  if (password.length > 200) return 'password must be at most 200 characters';
  if (/^[0-9/.\- ]+$/.test(password)) return 'password must not be only digits (such as a date of birth)';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
  if (new Set(password).size < 5) return 'password is too repetitive';
  return null;
}
