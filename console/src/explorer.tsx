import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { ComponentProps } from 'react';
import 'graphiql/style.css';
import './explorer.css';

/**
 * GraphiQL, bundled and served by the hub itself (no code or fonts from elsewhere), sending the
 * token the console signed in with. Introspection needs a token, and production turns it off.
 */
const token = sessionStorage.getItem('cc-hub-token');

const fetcher: ComponentProps<typeof GraphiQL>['fetcher'] = async (params) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params),
  });
  return response.json();
};

const DEFAULT_QUERY = `# The GraphQL explorer of the contact-centre hub, with the token you signed in with.
# Ctrl+Enter runs the query; Ctrl+Space completes; the Docs pane lists every type.
query {
  me { subject roles organisation { id name kind } }
}
`;

function Banner() {
  return (
    <nav className="explorer-bar" aria-label="Hub">
      <a href="/">← Console</a>
      <span>{token ? 'Queries run with the token you signed in with.' : 'Not signed in: sign in on the console first, then come back.'}</span>
    </nav>
  );
}

createRoot(document.getElementById('explorer')!).render(
  <div className="explorer-page">
    <Banner />
    <div className="explorer-main">
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
    </div>
  </div>,
);
