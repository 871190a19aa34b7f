import { ApiError, gql, loadConfig, session } from '../api';
import { forgetMe } from '../app';
import { alertBox, field, h, show, statusBox } from '../dom';
import { ME } from '../queries';

interface DemoIdentity {
  org: string;
  name: string;
  kind: string;
  roles: string[];
  label: string;
}

/**
 * Sign-in. In development the gateway offers the demo organisations (POST /dev/token mints a
 * short-lived token); anywhere, a token can be pasted. In production the tokens come from the
 * organisation's identity provider (see the README, "Web console"): this page is where its
 * redirect would start.
 */
export async function signInPage(main: HTMLElement, query: string): Promise<void> {
  const config = await loadConfig();
  const out = h('div', { 'aria-live': 'polite' });
  const expired = query.includes('expired') ? alertBox('Your session has ended. Sign in again.') : null;

  const accept = async (token: string) => {
    try {
      await gql(ME, {}, token);
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : String(error);
      show(out, alertBox(`The hub refused this token: ${reason}`));
      return;
    }
    session.signIn(token);
    forgetMe();
    location.hash = '#/';
  };

  const demo = h('section', { 'aria-labelledby': 'demo-h' }, h('h2', { id: 'demo-h' }, 'Demo organisations'));
  if (config.demoSignIn) {
    const identities = (await (await fetch('/dev/demo-identities')).json()) as DemoIdentity[];
    demo.append(
      h('p', {}, 'Development hub: sign in as a user of a demo organisation.'),
      h(
        'ul',
        { class: 'identity-list' },
        identities.map((i) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                'data-org': i.org,
                'data-roles': i.roles.join(','),
                onclick: async () => {
                  show(out, statusBox(`Signing in as ${i.name}…`));
                  const response = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ org: i.org, roles: i.roles }) });
                  const body = (await response.json()) as { token?: string; error?: string };
                  if (!body.token) return show(out, alertBox(body.error ?? 'no token'));
                  await accept(body.token);
                },
              },
              h('strong', {}, i.name),
              `${i.label} · ${i.kind.toLowerCase()} · roles ${i.roles.join(', ')}`,
            ),
          ),
        ),
      ),
    );
  } else {
    demo.append(h('p', {}, 'Demo sign-in is off on this hub. Sign in through your organisation, or paste a token below.'));
  }

  const tokenInput = h('textarea', { rows: 3, name: 'token', autocomplete: 'off', spellcheck: 'false', required: true });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const token = (tokenInput as HTMLTextAreaElement).value.trim();
        if (!token) return show(out, alertBox('Paste a token first.'));
        void accept(token);
      },
    },
    field('Token (JWT)', tokenInput, 'A token from npm run token or your identity provider; it stays in this browser tab only.'),
    h('button', { type: 'submit' }, 'Sign in with this token'),
  );

  show(
    main,
    h('h1', { tabindex: -1 }, 'Sign in'),
    expired,
    out,
    demo,
    h('section', { 'aria-labelledby': 'paste-h' }, h('h2', { id: 'paste-h' }, 'Paste a token'), form),
  );
}
