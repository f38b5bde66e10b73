/**
 * Who is signed in: the token and the person it names, kept for this browser tab
 * (sessionStorage), so closing the tab signs out. Development signs in demo people;
 * production signs in through the agency's OIDC provider.
 */
import { useSyncExternalStore } from 'react';

export interface Person {
  id: string;
  name: string | null;
  email?: string;
  roles: string[];
  department?: string;
  programId?: string;
  collegeId?: string;
  label?: string | null;
}

interface Session {
  token: string;
  person: Person;
}

const KEY = 'mentorflow.session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  if (cached === undefined) {
    try {
      cached = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  cached = session;
  listeners.forEach((l) => l());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  cached = null;
  listeners.forEach((l) => l());
}

export const currentToken = (): string | undefined => read()?.token;

export function useSession(): Session | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
}
