/** The push (webhook) set-up on a Facebook, Instagram or Threads channel's card, in English. */
export const metaPushEn = {
  open: 'Set up instant inbox (Meta webhook)',
  reopen: 'Change the app secret (Meta webhook)',
  stateOn: 'Instant inbox is on: this channel takes Meta’s pushes.',
  title: 'Instant inbox: Meta webhook',
  help: 'Meta can send new comments, replies and messages to Plaza as they happen, instead of Plaza checking every few minutes. Meta signs each one with your Meta app’s secret.',
  secretLabel: 'App secret',
  secretHelp:
    'Meta app dashboard → App settings → Basic → App secret (for Threads, the Threads app secret on the same page). Stored encrypted; a new one replaces the previous one.',
  save: 'Save',
  saved: 'Saved. Paste these two values in the Meta app dashboard:',
  callbackUrl: 'Callback URL',
  verifyToken: 'Verify token',
  next: 'Webhooks → subscribe to the Page (feed, messages) or Instagram (comments, mentions, messages) fields; for Threads, the Moderate topic’s replies field. Checking every few minutes goes on as a fallback; nothing is stored twice.',
  copy: 'Copy',
  copied: 'Copied',
};
