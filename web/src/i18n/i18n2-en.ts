/**
 * English texts the server sends as codes (issue 12 item 5, last part): listening query syntax
 * errors (reason + parameters, src/modules/listening/core/query-language.ts).
 */
export const querySyntaxEn = {
  at: 'Position {{position}}',
  expected: {
    term_or_group: 'a word, a "phrase", a field or "("',
    closing_paren: 'a closing parenthesis ")"',
    operator_or_end: 'an operator or the end of the query',
  },
  reasons: {
    unclosed_quote: 'The phrase that starts at {{start}} has no closing quote (").',
    proximity_number_missing: 'Write a number after "~", e.g. "great service"~3.',
    proximity_too_wide: 'Proximity ~{{slop}} is too wide: at most {{max}}.',
    near_invalid: '"{{word}}" is not a valid NEAR: write NEAR/n or NEAR/nf (in order), n from 0 to {{max}}.',
    near_too_wide: 'NEAR/{{distance}} is too wide: at most NEAR/{{max}}.',
    field_value_missing: '"{{field}}:" needs a value, e.g. {{field}}:{{example}}.',
    empty_query: 'The query is empty.',
    unbalanced_paren: 'There is a ")" with no "(" to close.',
    unexpected_token: 'Expected {{expectedText}}, found {{found}}.',
    unexpected_end: 'The query ends too soon: expected {{expectedText}}.',
    near_operand: 'NEAR joins words, exact phrases or (alternatives OR …); AND, NOT, fields and "…"~N cannot be inside NEAR.',
    no_letters: '"{{word}}" has no letters or digits to search for.',
    wildcard_letters: '"{{word}}": wildcards work on single words made of letters and digits.',
    wildcard_star_end: '"{{word}}": "*" can only end a word (market*).',
    wildcard_prefix: '"{{word}}": a wildcard needs at least {{min}} letters before it (e.g. market*).',
    empty_phrase: 'The phrase has no words to search for.',
    wildcard_needs_term: 'A wildcard must go with AND next to a plain word (e.g. acme AND market*), so the query stays fast.',
    needs_required_term:
      'The query needs a word, phrase, #hashtag, @handle, author: or site: that must appear; NOT, lang: and network: only filter.',
  },
};

/** Why a KPI has no value, by the code the API answers (src/lib/kpi-reasons.ts). */
export const kpiReasonsEn = {
  no_posts: 'No published posts in this period',
  no_reach: 'No reach reported for these posts',
  no_impressions: 'No impressions reported for these posts',
  no_followers_channels: 'Follower counts not collected yet for these channels',
  needs_daily_followers: 'Needs daily follower counts at the start of the period',
  no_followers: 'Follower counts not collected yet',
  engagers_not_collected: 'Engaging accounts have not been collected for these posts yet',
  ctr_needs_impressions: 'CTR needs impressions, which these networks do not report',
  no_costs: 'No costs recorded',
  no_leads: 'No leads yet',
  share_of_voice_from_listening: 'Computed by the listening module from mentions of the brand and its competitors',
  net_sentiment_from_listening: 'Computed by the listening module from mentions (neutral mentions included in the total)',
  no_mentions: 'No mentions in this period',
  no_voice_mentions: 'No mentions of the brand or its competitors in this period',
};
