import './styles.css';
import { loadConfig, session } from './api';
import { errorView, forgetMe, Page, PageContext, userKind, UserKind, whoAmI } from './app';
import { h, show, statusBox } from './dom';
import { signInPage } from './pages/signin';
import { contractsPage } from './pages/contracts';
import { contractPage } from './pages/contract';
import { obligationsPage } from './pages/obligations';
import { forecastsPage } from './pages/forecasts';
import { tendersPage, tenderPage } from './pages/tenders';
import { uploadsPage } from './pages/uploads';

/**
 * The console: a single page with hash routes (#/contracts, #/contract/<id>/reports, …), so the
 * gateway serves one HTML file and every page is a link that can be bookmarked and opened with
 * the keyboard.
 */
const routes: Array<{ pattern: RegExp; page: Page; for?: UserKind[] }> = [
  { pattern: /^\/contracts$/, page: contractsPage, for: ['client', 'centre'] },
  { pattern: /^\/contract\/([^/]+)(?:\/([a-z]+))?$/, page: contractPage, for: ['client', 'centre'] },
  { pattern: /^\/obligations$/, page: obligationsPage, for: ['centre'] },
  { pattern: /^\/forecasts(?:\/([^/]+))?$/, page: forecastsPage, for: ['centre'] },
  { pattern: /^\/uploads(?:\/([^/]+))?$/, page: uploadsPage, for: ['client', 'centre'] },
  { pattern: /^\/tenders$/, page: tendersPage, for: ['procurement'] },
  { pattern: /^\/tender\/([^/]+)$/, page: tenderPage, for: ['procurement'] },
];

const HOME: Record<UserKind, string> = { client: '#/contracts', centre: '#/obligations', procurement: '#/tenders' };
const NAV: Record<UserKind, Array<[string, string]>> = {
  client: [['#/contracts', 'Contracts'], ['#/uploads', 'Uploads']],
  centre: [['#/obligations', 'Obligations'], ['#/forecasts', 'Forecasts'], ['#/contracts', 'Contracts'], ['#/uploads', 'Uploads']],
  procurement: [['#/tenders', 'Tenders']],
};

let leaving: Array<() => void> = [];

function header(ctx: Pick<PageContext, 'me' | 'kind'> | null, path: string): void {
  const top = document.getElementById('top')!;
  const links = ctx ? NAV[ctx.kind] : [];
  show(
    top,
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: ctx ? HOME[ctx.kind] : '#/signin' }, 'Contact-centre hub'),
      ctx
        ? h(
            'nav',
            { 'aria-label': 'Main' },
            h(
              'ul',
              {},
              links.map(([href, label]) => h('li', {}, h('a', { href, 'aria-current': path.startsWith(href.slice(1)) ? 'page' : null }, label))),
              h('li', {}, h('a', { href: '/explorer' }, 'GraphQL explorer')),
              h('li', {}, h('button', { class: 'link', type: 'button', onclick: signOut }, 'Sign out')),
            ),
          )
        : null,
      ctx ? h('span', { class: 'who' }, `${ctx.me.organisation?.name ?? ctx.me.subject} · ${ctx.kind}`) : null,
    ),
  );
}

function signOut(): void {
  session.signOut();
  forgetMe();
  location.hash = '#/signin';
}

async function render(): Promise<void> {
  leaving.forEach((f) => f());
  leaving = [];
  // Each navigation renders into its own container, so a slower earlier one finishing late
  // writes into a container no longer on the page.
  // data-route and aria-busy say which navigation this container belongs to and whether it has
  // finished: assistive technology announces the change, and tests wait on it, not on time.
  const main = h('div', { class: 'view', 'data-route': location.hash, 'aria-busy': 'true' });
  show(document.getElementById('main')!, main);
  const [path, query = ''] = (location.hash.slice(1) || '/').split('?');
  show(main, statusBox('Loading…'));
  try {
    const [, me] = await Promise.all([loadConfig(), path === '/signin' ? null : whoAmI()]);
    if (!me) {
      header(null, path);
      await signInPage(main, query);
      focusHeading(main);
      return;
    }
    const kind = userKind(me);
    header({ me, kind }, path);
    const route = routes.find((r) => r.pattern.test(path) && (!r.for || r.for.includes(kind)));
    if (!route) {
      location.replace(HOME[kind]);
      return;
    }
    const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)));
    // A page's reload (after an action, sometimes on a timer) only re-renders while its own view
    // is on screen: once the user has moved on it must not replace the page they are on.
    const ctx: PageContext = { me, kind, params, main, onLeave: (f) => leaving.push(f), reload: () => void (main.isConnected && render()) };
    await route.page(ctx);
    focusHeading(main);
  } catch (error) {
    show(main, h('h1', { tabindex: -1 }, 'Contact-centre hub'), errorView(error));
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

function focusHeading(main: HTMLElement): void {
  const h1 = main.querySelector('h1');
  (h1 ?? main).focus({ preventScroll: false });
  document.title = `${h1?.textContent ?? 'Console'} · Contact-centre hub`;
}

window.addEventListener('hashchange', () => void render());
void render();
