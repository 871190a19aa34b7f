import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar } from './scalars';

function refusal(value: string): GraphQLError {
  try {
    DateTimeScalar.parseValue(value);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error(`expected ${value} to be refused`);
}

describe('DateTime', () => {
  it('takes instants with a zone inside the instant window', () => {
    expect(DateTimeScalar.parseValue('2026-06-01T08:15:00Z')).toEqual(new Date('2026-06-01T08:15:00Z'));
    expect(DateTimeScalar.parseValue('2000-01-01T00:00:00Z')).toEqual(new Date('2000-01-01T00:00:00Z'));
    expect(DateTimeScalar.parseValue('2099-12-31T23:59:59.999Z')).toEqual(new Date('2099-12-31T23:59:59.999Z'));
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-06-01T10:15:00+02:00' })).toEqual(new Date('2026-06-01T08:15:00Z'));
  });

  it.each(['yesterday', '2026-06-01T00:00:00', '+275760-09-13T00:00:00Z', '2026-02-30T00:00:00Z'])('refuses %j with BAD_USER_INPUT', (value) => {
    expect(refusal(value).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it.each(['0001-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2000-01-01T01:00:00+02:00', '2100-01-01T00:00:00Z', '9999-12-31T00:00:00Z'])(
    'refuses %j, outside the instant window, saying so (issue 9)',
    (value) => {
      const error = refusal(value);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(error.message).toMatch(/must lie between 2000-01-01T00:00:00Z/);
    },
  );
});
