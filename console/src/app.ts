import { ApiError, gql, session } from './api';
import { alertBox, h, show, statusBox } from './dom';
import { ME } from './queries';

export interface Me {
  subject: string;
  roles: string[];
  organisation: { id: string; name: string; kind: 'CLIENT' | 'CENTRE' } | null;
}

export type UserKind = 'client' | 'centre' | 'procurement';

export function userKind(me: Me): UserKind {
  if (me.roles.includes('procure')) return 'procurement';
  return me.organisation?.kind === 'CENTRE' ? 'centre' : 'client';
}

export interface PageContext {
  me: Me;
  kind: UserKind;
  params: string[];
  main: HTMLElement;
  /** Called when the user leaves the page (timers of live clocks stop). */
  onLeave(cleanup: () => void): void;
  /** Renders the page again (after an action). */
  reload(): void;
}

export type Page = (ctx: PageContext) => Promise<void>;

/** The page heading, focused after navigation so keyboard and screen-reader users start there. */
export function heading(text: string, sub?: string): HTMLElement[] {
  return [h('h1', { tabindex: -1 }, text), sub ? h('p', { class: 'sub' }, sub) : null].filter(Boolean) as HTMLElement[];
}

/** Turns an API error into words on the page; an expired or refused token goes back to sign-in. */
export function errorView(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    session.signOut();
    setTimeout(() => (location.hash = '#/signin?expired'), 0);
    return alertBox(`Your session has ended (${error.message}). Sign in again.`);
  }
  if (error instanceof ApiError) {
    const what: Record<string, string> = {
      NOT_FOUND: 'Not found',
      FORBIDDEN: 'Not allowed',
      BAD_USER_INPUT: 'Please check the input',
      CONFLICT: 'Not possible now',
      QUERY_TOO_COSTLY: 'Too much at once',
      RATE_LIMITED: 'Too many requests',
    };
    return alertBox(`${what[error.code] ?? 'Error'}: ${error.message}${error.field ? ` (field ${error.field})` : ''}`);
  }
  return alertBox(`Something went wrong: ${(error as Error).message}`);
}

/** Runs an action from a button or form: disables it meanwhile and reports the outcome in `out`. */
export async function act(out: HTMLElement, control: HTMLButtonElement | HTMLFormElement | null, action: () => Promise<string>, after?: () => void): Promise<void> {
  const buttons = control instanceof HTMLFormElement ? [...control.querySelectorAll('button')] : control ? [control] : [];
  buttons.forEach((b) => (b.disabled = true));
  show(out, statusBox('Working…'));
  try {
    const message = await action();
    show(out, statusBox(message));
    after?.();
  } catch (error) {
    show(out, errorView(error));
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

let cachedMe: { token: string; me: Me } | null = null;

export async function whoAmI(): Promise<Me | null> {
  const token = session.token();
  if (!token) return null;
  if (cachedMe?.token === token) return cachedMe.me;
  const { me } = await gql<{ me: Me }>(ME);
  cachedMe = { token, me };
  return me;
}

export function forgetMe(): void {
  cachedMe = null;
}
