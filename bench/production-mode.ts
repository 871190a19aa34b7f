/**
 * Imported first by the benchmarks, before graphql and the hub are loaded: measure the
 * configuration production runs (the Docker image sets NODE_ENV=production) unless the caller
 * chose a NODE_ENV. graphql-js, for one, checks types with a slower `instanceOf` outside production.
 */
process.env.NODE_ENV ??= 'production';

export {};
