import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { ALL_DOCUMENTS } from '../console/src/queries';

/** Every document the web console sends is valid against the supergraph's API schema. */
const api = Supergraph.build(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();

describe('console queries', () => {
  it.each(Object.entries(ALL_DOCUMENTS))('%s is valid against the supergraph', (_name, document) => {
    expect(validate(api, parse(document)).map((e) => e.message)).toEqual([]);
  });
});
