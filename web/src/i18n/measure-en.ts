/** English strings of first metrics, objectives' grace period and charts (issue 12, items 10, 12, 13). */
export const measureEn = {
  waiting: {
    title: 'Waiting for first metrics',
    expected: 'Expected around {{time}}.',
    soon: 'They should arrive any moment now.',
    explain:
      'Plaza reads a post’s first numbers {{minutes}} minutes after it is published, then after 1 h, 6 h, 24 h, 3 days, 7 days and 30 days.',
    overview:
      'Posts of this period still waiting for their first metrics: {{count}} (expected around {{time}}). The figures below do not include them yet.',
  },
  objective: {
    tooEarly: 'Too early to judge',
    judgingFrom: 'Judged from {{date}}',
    grace: 'A new objective is not judged in the first 20 % of its period (7 days at most): a forecast from a few days says little.',
  },
  reasons: {
    noMentions: 'No mentions in this period',
    noVoiceMentions: 'No mentions of the brand or its competitors in this period',
  },
};
