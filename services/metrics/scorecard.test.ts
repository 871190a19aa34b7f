import { answerPoints, answerProblem, criterionKeys, ScorecardDefinition, scoreEvaluation } from './scorecard';

const DEFINITION: ScorecardDefinition = {
  passMark: 80,
  sections: [
    {
      key: 'opening',
      title: 'Opening',
      weight: 1,
      criteria: [
        { key: 'greet', title: 'Greets by the script', weight: 1, scale: 'YES_NO_NA', critical: false, allowNotApplicable: false },
        { key: 'identity', title: 'Verifies identity', weight: 3, scale: 'YES_NO_NA', critical: true, allowNotApplicable: true },
      ],
    },
    {
      key: 'resolution',
      title: 'Resolution',
      weight: 3,
      criteria: [{ key: 'resolve', title: 'Resolves the request', weight: 1, scale: 'ONE_TO_FIVE', critical: false, allowNotApplicable: false }],
    },
  ],
};

describe('scoring an evaluation', () => {
  it('maps answers to points', () => {
    expect([answerPoints('YES_NO_NA', 'YES'), answerPoints('YES_NO_NA', 'NO'), answerPoints('YES_NO_NA', 'NA')]).toEqual([100, 0, null]);
    expect(['1', '2', '3', '4', '5'].map((v) => answerPoints('ONE_TO_FIVE', v))).toEqual([0, 25, 50, 75, 100]);
  });

  it('weights criteria within a section, then sections (hand-computed)', () => {
    // Opening: (1 × 0 + 3 × 100) / 4 = 75; resolution: 5 → 100.
    // Score = (1 × 75 + 3 × 100) / 4 = 93.75.
    expect(scoreEvaluation(DEFINITION, { greet: 'NO', identity: 'YES', resolve: '5' })).toEqual({
      score: 93.75, rawScore: 93.75, criticalFail: false, failedCritical: [], passed: true,
    });
    // N/A leaves identity out: opening = 100; score = (100 + 3 × 50) / 4 = 62.5, below the pass mark.
    expect(scoreEvaluation(DEFINITION, { greet: 'YES', identity: 'NA', resolve: '3' })).toMatchObject({ score: 62.5, passed: false });
  });

  it('fails the whole evaluation on a critical NO, keeping the raw score', () => {
    // Opening (1 × 100 + 3 × 0) / 4 = 25; score would be (25 + 300) / 4 = 81.25.
    expect(scoreEvaluation(DEFINITION, { greet: 'YES', identity: 'NO', resolve: '5' })).toEqual({
      score: 0, rawScore: 81.25, criticalFail: true, failedCritical: ['identity'], passed: false,
    });
  });

  it('passes exactly at the pass mark', () => {
    const flat: ScorecardDefinition = { passMark: 75, sections: [{ ...DEFINITION.sections[1] }] };
    expect(scoreEvaluation(flat, { resolve: '4' }).passed).toBe(true);
    expect(scoreEvaluation(flat, { resolve: '3' }).passed).toBe(false);
  });

  it('names what is wrong with an answer', () => {
    const yesNo = DEFINITION.sections[0].criteria[0];
    expect(answerProblem(yesNo, 'YES')).toBeNull();
    expect(answerProblem(yesNo, 'NA')).toMatch(/N\/A is not allowed/);
    expect(answerProblem(yesNo, '4')).toMatch(/outside the YES_NO_NA scale/);
    expect(answerProblem(DEFINITION.sections[1].criteria[0], '6')).toMatch(/answer 1, 2, 3, 4, 5/);
    expect(criterionKeys(DEFINITION)).toEqual(['greet', 'identity', 'resolve']);
  });
});
